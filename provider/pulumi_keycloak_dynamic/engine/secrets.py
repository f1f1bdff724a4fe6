"""Which input values are secrets: one rule, for the program's registration and for ``check()``.

A value is a secret when its input is a secret one (``Field.secret``: a client secret, an SMTP
server, a password) or when it holds, at any depth, a key that names a credential
(:func:`~.fields.is_sensitive_key`: ``clientSecret`` in an identity provider's config, a private
key among a client's attributes, ``bindCredential``, ...).

The resource classes make such values Pulumi secrets before they register the resource. That is
not enough on its own: the dynamic-provider host tells the engine it takes no secrets
(``acceptSecrets: false``), so ``check()`` gets every input unmarked, and the engine marks secret
in ``check()``'s answer only what has the *same name* as a secret of the request (``annotateSecrets``
in pulumi's ``provider_plugin.go``). A value that ``check()`` moves to another input, such as
``config['clientSecret']`` to ``client_secret`` or Keycloak's camelCase ``smtpServer`` to
``smtp_server``, would arrive in the state and in the diff in plain text. So ``check()`` marks
every secret of its answer itself, in the wire form of a secret, which the engine keeps
(``CheckResponse.inputs`` are unmarshalled with ``KeepSecrets``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi.runtime.rpc import is_rpc_secret, unwrap_rpc_secret, wrap_rpc_secret

from .checks import is_unknown
from .fields import Field, contains_sensitive_key


def is_secret_value(field: Field | None, value: Any) -> bool:
    """Is ``value``, given for ``field`` (None: an input no spec knows), a secret?"""
    return (field is not None and field.secret) or contains_sensitive_key(value)


def with_secrets_marked(fields: Mapping[str, Field], inputs: Mapping[str, Any]) -> dict[str, Any]:
    """``check()``'s answer with every secret value (see :func:`is_secret_value`) marked secret.

    Values still unknown (a preview) stay unknowns: they are no text to show yet."""
    return {
        name: (wrap_rpc_secret(value)
               if value is not None and not is_unknown(value) and is_secret_value(fields.get(name), value)
               else value)
        for name, value in inputs.items()
    }


def unmarked(value: Any) -> Any:
    """``value`` with every secret marker taken off, at any depth: what the engine hands the
    provider's other calls (``diff``, ``create``, ``update``), since the provider takes no secrets."""
    if is_rpc_secret(value):
        return unmarked(unwrap_rpc_secret(value))
    if isinstance(value, dict):
        return {k: unmarked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unmarked(v) for v in value]
    return value
