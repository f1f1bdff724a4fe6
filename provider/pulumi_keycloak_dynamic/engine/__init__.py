"""The generic provider engine: one dynamic ResourceProvider driven by per-object specs."""

from .fields import Field
from .provider import KeycloakProvider
from .registry import register, registered_specs, spec_for
from .spec import ObjectSpec

__all__ = ["Field", "KeycloakProvider", "ObjectSpec", "register", "registered_specs", "spec_for"]
