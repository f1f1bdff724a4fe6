"""A realm's authentication settings: its required actions (keyed by ``alias``).

Every realm has Keycloak's built-in required actions registered; a provider of the server that a
realm has not registered yet is listed by ``unregistered-required-actions`` and registered with
``register-required-action``. The action's ``PUT`` replaces every field (name, enabled,
defaultAction, priority, config): send the whole (GET-merged) representation.
"""

from __future__ import annotations

REQUIRED_ACTIONS = "/{realm}/authentication/required-actions"
#: ``{id}``: the alias.
REQUIRED_ACTION = REQUIRED_ACTIONS + "/{id}"
UNREGISTERED_REQUIRED_ACTIONS = "/{realm}/authentication/unregistered-required-actions"
REGISTER_REQUIRED_ACTION = "/{realm}/authentication/register-required-action"
