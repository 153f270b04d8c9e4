"""Who sees which clients, and the actor carried in gRPC metadata."""

from __future__ import annotations

import pytest

from services.clients.scope import ClientScope
from services.common.errors import PermissionDenied
from services.common.identity import Actor, Role
from services.common.internal_auth import current_actor


def test_actor_round_trips_through_metadata() -> None:
    actor = Actor("u1", frozenset({Role.ADVISOR, Role.PARTNER}), team_id="t9")
    assert Actor.from_metadata(actor.to_metadata()) == actor


def test_unknown_roles_in_metadata_are_dropped() -> None:
    actor = Actor.from_metadata(
        [("x-clientflow-actor", "u"), ("x-clientflow-roles", "advisor,root")]
    )
    assert actor is not None and actor.roles == {Role.ADVISOR}


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SERVICE, Role.ACCOUNTANT, Role.PARTNER])
def test_firm_wide_roles_see_everything(role: Role) -> None:
    assert ClientScope.for_actor(Actor("u", frozenset({role}))) == ClientScope()


def test_manager_sees_the_team_and_advisor_their_own() -> None:
    assert ClientScope.for_actor(Actor("m", frozenset({Role.MANAGER}), "t1")) == ClientScope(
        team_ids=frozenset({"t1"})
    )
    assert ClientScope.for_actor(Actor("a", frozenset({Role.ADVISOR}), "t1")) == ClientScope(
        advisor_id="a"
    )


def test_the_broadest_role_wins() -> None:
    both = Actor("m", frozenset({Role.MANAGER, Role.ADVISOR}), "t1")
    assert ClientScope.for_actor(both) == ClientScope(team_ids=frozenset({"t1"}))


@pytest.mark.parametrize(
    "actor",
    [Actor("x", frozenset()), Actor("m", frozenset({Role.MANAGER}))],
    ids=["no role", "manager without team"],
)
def test_no_scope_without_a_role_that_grants_one(actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        ClientScope.for_actor(actor)


def test_no_actor_outside_a_verified_call() -> None:
    """Services take an Actor: without a verified caller there is none to give them."""
    with pytest.raises(PermissionDenied):
        current_actor()
