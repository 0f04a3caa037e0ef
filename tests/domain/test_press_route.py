"""Which presses move a walkthrough, which show its current screen again, which are refused.

Exhaustive over the facts the rule reads: who pressed, the walkthrough's status, whether the
button's version is current, and where the pressed message stands against the stored one.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from bot.domain.walkthrough import (
    FINISHED,
    Position,
    Refusal,
    Route,
    Status,
    WalkthroughView,
    press_route,
)

OWNER, STRANGER = 7, 8
SCREEN, OTHER = 100, 101
LIVE = WalkthroughView(
    id=1,
    user_id=OWNER,
    chat_id=OWNER,
    exercise_id="calf_raises",
    version=4,
    position=Position(step=1, step_count=3),
    message_id=SCREEN,
)


def expected(
    presser: int, status: Status, version: int, stored: int | None, pressed: int | None
) -> Refusal | Route:
    """The rule written out the long way, to hold the short one to."""
    if presser != OWNER:
        return Refusal.NOT_YOURS
    if status in FINISHED:
        return Refusal.ENDED
    if stored is not None and pressed is not None and stored != pressed:
        return Route.RESHOW
    if version != LIVE.version:
        return Route.REFRESH
    return Route.PROCEED


CASES = list(
    itertools.product(
        (OWNER, STRANGER),
        list(Status),
        (LIVE.version, LIVE.version - 1),
        (SCREEN, None),
        (SCREEN, OTHER, None),
    )
)


@pytest.mark.parametrize(("presser", "status", "version", "stored", "pressed"), CASES)
def test_every_press_is_routed(
    presser: int, status: Status, version: int, stored: int | None, pressed: int | None
) -> None:
    walkthrough = replace(LIVE, position=replace(LIVE.position, status=status), message_id=stored)
    got = press_route(walkthrough, presser, version, pressed)
    assert got is expected(presser, status, version, stored, pressed)


@pytest.mark.parametrize(
    ("walkthrough", "presser", "version", "pressed", "route"),
    [
        (None, OWNER, 4, SCREEN, Refusal.UNKNOWN),
        (LIVE, STRANGER, 4, SCREEN, Refusal.NOT_YOURS),
        (LIVE, OWNER, 4, SCREEN, Route.PROCEED),
        # the screen Telegram never updated: a later press there shows the current one
        (LIVE, OWNER, 3, SCREEN, Route.REFRESH),
        # the screen moved to a new message: a press on the old one sends it again
        (LIVE, OWNER, 3, OTHER, Route.RESHOW),
        (LIVE, OWNER, 4, OTHER, Route.RESHOW),
        # a message Telegram no longer describes still counts by its version
        (LIVE, OWNER, 4, None, Route.PROCEED),
        (LIVE, OWNER, 3, None, Route.REFRESH),
        (replace(LIVE, message_id=None), OWNER, 4, OTHER, Route.PROCEED),
        (
            replace(LIVE, position=replace(LIVE.position, status=Status.STOPPED)),
            OWNER,
            3,
            OTHER,
            Refusal.ENDED,
        ),
    ],
)
def test_the_cases_by_name(
    walkthrough: WalkthroughView | None,
    presser: int,
    version: int,
    pressed: int | None,
    route: Refusal | Route,
) -> None:
    assert press_route(walkthrough, presser, version, pressed) is route
