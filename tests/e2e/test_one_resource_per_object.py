"""One Keycloak object, one resource: ``preview`` refuses two resources with the same natural key.

Two resources of one program with the same realm and clientId (or realm, client and role name,
or realm name) would fight over one object; the second is refused in ``preview``, naming both,
also when parts of the key are Outputs (as soon as they are known). Objects that only look alike
(same clientId in two realms, a realm role and a client role of one name) are not.
"""

from __future__ import annotations

from collections.abc import Callable

import pulumi.automation as auto
import pytest

from pulumi_keycloak_dynamic import Client, Realm, Role
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]


def refused(stack: PulumiStack) -> str:
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.preview()
    return str(failed.value)


def test_two_clients_with_one_client_id_are_refused(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    def program() -> None:
        Client("web", realm=realm, client_id="shop")
        Client("web-again", realm=realm, client_id="shop", description="the same client")

    text = refused(new_stack(program=program))
    assert (f"Client 'web-again' and Client 'web' of this program both manage Client '{realm}/shop': "
            "one Keycloak object can have one resource only") in text, text[-2000:]
    assert "Traceback" not in text
    assert not admin.get(f"/{realm}/clients", {"clientId": "shop"})


def test_keys_made_of_outputs_are_compared_once_known(new_stack: NewStack, realm_factory: Callable[..., str],
                                                      admin: KeycloakAdmin) -> None:
    name = realm_factory()
    admin.delete(f"/{name}")  # a name the program creates

    def program() -> None:
        shop = Realm("shop", realm=name, enabled=True)
        app = Client("app", realm=shop.realm, client_id="app")
        Role("reader", realm=shop.realm, client_id=app.client_id, name="reader")
        Role("reader-twice", realm=name, client_id=app, name="reader")  # known parts and Outputs mixed

    text = refused(new_stack(program=program))
    assert "Role 'reader-twice' and Role 'reader' of this program both manage" in text or \
        "Role 'reader' and Role 'reader-twice' of this program both manage" in text, text[-2000:]
    assert f"Role '{name}/app/reader'" in text
    assert admin.get_or_none(f"/{name}") is None  # preview created nothing


def test_two_realms_with_one_name_are_refused(new_stack: NewStack, realm: str) -> None:
    def program() -> None:
        Realm("a", realm=f"{realm}-x")
        Realm("b", realm=f"{realm}-x", display_name="same realm")

    text = refused(new_stack(program=program))
    assert f"Realm 'b' and Realm 'a' of this program both manage Realm '{realm}-x'" in text


def test_objects_that_only_look_alike_pass(new_stack: NewStack, realm_factory: Callable[..., str]) -> None:
    first, second = realm_factory(), realm_factory()

    def program() -> None:
        app = Client("app", realm=first, client_id="app")
        Client("app-elsewhere", realm=second, client_id="app")
        Client("app-in-master", client_id=f"{first}-app")  # realm not given: master
        Role("realm-reader", realm=first, name="reader")
        Role("client-reader", realm=first, client_id=app, name="reader")

    preview = new_stack(program=program).preview()
    assert preview.changes.get("create") == 6, preview.stdout  # the stack and five resources
