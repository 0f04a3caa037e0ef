"""Today's routine end to end: exercises in a row, skips, discomfort, levels, restarts."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from bot.content import Catalogue
from bot.domain.routine_day import RoutineStatus
from bot.domain.walkthrough import Status
from bot.sandbox.client import SandboxClient
from bot.storage.models import ExerciseLevel, Pause, Routine, Walkthrough
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, Message, buttons, labels

USER = 7001
ALL_EQUIPMENT = ["towel", "small_ball", "resistance_band", "toe_spacers"]
DAY = date(2026, 3, 2)  # the clock's Monday; Berlin 08:30


async def _person(bot: BotProcess, client: SandboxClient, **kwargs: Any) -> Chat:
    chat = await Chat(client, USER).setup()
    await subscribe(bot.sessions, USER, bot.clock(), at=time(7, 30), **kwargs)
    return chat


async def tap_and_wait(chat: Chat, message: Message, label: str) -> Message:
    """Press a button, then wait until that message has been edited once more."""
    edits = (await chat.message(message["message_id"]))["edits"]
    await chat.tap(message, label)
    return await chat.wait_for(
        lambda t: next(
            (m for m in t if m["message_id"] == message["message_id"] and m["edits"] > edits),
            None,
        ),
        f"message {message['message_id']} edited after {label!r}",
    )


async def finish_exercise(chat: Chat, message: Message, score: int) -> Message:
    """Tap through every step; the last one carries the rating: one press finishes and rates."""
    while texts.DONE_FINE_BUTTON not in labels(message):
        resting = "⏭ Skip rest" in labels(message)
        message = await tap_and_wait(chat, message, "Skip rest" if resting else "Next")
    rating = dict(buttons(message))
    label = next((one for one in rating if one.split()[-1] == str(score)), None) if score else None
    return await tap_and_wait(chat, message, label or texts.DONE_FINE_BUTTON)


async def skip_exercise(chat: Chat, message: Message, reason: str) -> Message:
    message = await tap_and_wait(chat, message, "⏭ Skip")
    if "or the whole exercise?" in message["text"]:  # asked only when there are several steps
        message = await tap_and_wait(chat, message, "The whole exercise")
    assert "why skip it?" in message["text"]
    return await tap_and_wait(chat, message, reason)


async def _routine(bot: BotProcess) -> Routine:
    """Today's routine (the clock's Monday)."""
    async with bot.sessions() as session:
        (routine,) = await session.scalars(select(Routine).where(Routine.local_date == DAY))
    return routine


async def _runs(bot: BotProcess) -> list[Walkthrough]:
    async with bot.sessions() as session:
        return list(await session.scalars(select(Walkthrough).order_by(Walkthrough.id)))


async def test_a_whole_routine_with_a_skip_and_mixed_discomfort(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client, equipment=["towel", "small_ball"])
    message = await chat.say_one("/today")
    routine = await _routine(bot)
    total = len(routine.items)
    assert total >= 2
    overview, rest = message["text"].split("\n\n", 1)
    names = [_name(bot, routine, position) for position in range(total)]
    assert overview.startswith(f"📋 Today: {', '.join(names)} · about ")
    minutes = int(overview.rsplit("about ", 1)[1].removesuffix(" min"))
    assert 0 < minutes <= 10  # the session length chosen at subscription
    assert rest.startswith(f"Exercise 1 of {total}")

    message = await skip_exercise(chat, message, "No time")
    assert message["text"].startswith(f"{_name(bot, routine, 0)}: skipped.")
    assert f"Exercise 2 of {total}" in message["text"]
    scores = [0, 4, 2, 1, 3, 5, 1]
    for position in range(1, total):
        message = await finish_exercise(chat, message, scores[position])
    assert "Today's routine is complete." in message["text"]
    last = f"{_name(bot, routine, total - 1)}: done, discomfort {scores[total - 1]}/10."
    assert message["text"].startswith(last)  # the last rating gets its advice too
    assert f"Done: {total - 1} · Skipped: 1" in message["text"]
    assert "Streak: 1 day" in message["text"]

    runs = await _runs(bot)
    assert [run.exercise_id for run in runs] == [item["exercise_id"] for item in routine.items]
    assert runs[0].status == Status.SKIPPED and runs[0].skip_reason == "no_time"
    assert [run.discomfort for run in runs[1:]] == scores[1:total]
    assert all(run.status == Status.COMPLETED for run in runs[1:])
    assert (await _routine(bot)).status == RoutineStatus.COMPLETED

    assert (await chat.say_one("/today"))["text"] == texts.ROUTINE_ALREADY_DONE


async def test_the_same_day_gives_the_same_routine(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(bot, client)
    first = await chat.say_one("/today")
    again = await chat.say_one("/today")
    assert again["text"].startswith(texts.ROUTINE_CONTINUE)
    assert first["text"].split("\n")[1] in again["text"]
    async with bot.sessions() as session:
        assert len(list(await session.scalars(select(Routine)))) == 1


async def test_a_restart_in_the_middle_continues_and_later_the_same_day_too(
    bot: BotProcess, client: SandboxClient
) -> None:
    # With every piece of equipment, every exercise comes in its full version of several
    # steps, so there is a step 2 to continue from whichever exercise comes second.
    chat = await _person(bot, client, equipment=ALL_EQUIPMENT)
    message = await chat.say_one("/today")
    message = await finish_exercise(chat, message, 1)
    assert "Exercise 2 of" in message["text"]

    await bot.restart()
    bot.clock.advance(timedelta(hours=2))

    message = await tap_and_wait(chat, message, "Next")  # the old message still works
    assert "step 2 of" in message["text"]
    later = await chat.say_one("/today")
    assert later["text"].startswith(texts.ROUTINE_CONTINUE)
    assert "Exercise 2 of" in later["text"] and "step 2 of" in later["text"]


async def test_yesterdays_buttons_say_the_routine_has_ended(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    message = await chat.say_one("/today")
    bot.clock.advance(timedelta(days=1))
    before = await _runs(bot)
    _, data = buttons(message)[0]
    answer = await chat.press_data(message["message_id"], data)
    assert answer["text"] == texts.ROUTINE_ENDED
    assert [(r.step, r.version) for r in await _runs(bot)] == [(r.step, r.version) for r in before]
    new_day = await chat.say_one("/today")
    assert new_day["text"].startswith("📋 Today: ") and "\n\nExercise 1 of" in new_day["text"]


async def test_two_identical_presses_are_recorded_once(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    message = await chat.say_one("/today")
    while texts.DONE_FINE_BUTTON not in labels(message):
        message = await tap_and_wait(chat, message, "Next")
    rating = dict(buttons(message))["2"]  # on the last step: finishes and rates in one press
    answers = await asyncio.gather(
        *(chat.press_data(message["message_id"], rating) for _ in range(2))
    )
    recorded, refused = sorted((a.get("text") or "" for a in answers), key=texts.RECORDED.__ne__)
    assert recorded == texts.RECORDED
    assert refused in (texts.BUTTON_STALE, texts.BUTTON_ENDED)
    await chat.wait_edit(message["message_id"], "Exercise 2 of")
    runs = await _runs(bot)
    assert [run.discomfort for run in runs] == [2, None]
    assert (await _routine(bot)).position == 1


async def test_severe_discomfort_ends_the_day_and_offers_a_pause(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    message = await chat.say_one("/today")
    message = await finish_exercise(chat, message, 7)  # the first score of the severe band
    assert "7/10 is too much" in message["text"]
    assert "doctor or physiotherapist" in message["text"]
    assert (await _routine(bot)).status == RoutineStatus.ENDED
    await chat.tap(message, texts.PAUSE_OFFER_BUTTON)
    await chat.wait_edit(message["message_id"], texts.PAUSE_KEEPS_STREAK)
    async with bot.sessions() as session:
        (pause,) = await session.scalars(select(Pause))
    assert pause.frozen
    assert (await chat.say_one("/today"))["text"] == texts.ROUTINE_STOPPED_TODAY


async def test_three_easy_days_move_an_exercise_up_the_next_day(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    await _past_runs(bot, "calf_raises", [1, 0, 2])
    first = await chat.say_one("/today")
    assert (
        "Calf raises moves up to one leg: three easy sessions on three different days."
        in first["text"]
    )
    async with bot.sessions() as session:
        level = await session.get(ExerciseLevel, (USER, "calf_raises"))
    assert level is not None and level.level == 1
    routine = await _routine(bot)
    calf = [item for item in routine.items if item["exercise_id"] == "calf_raises"]
    assert all(item["level"] == 1 for item in calf)


async def test_severe_discomfort_rests_an_exercise_at_its_level(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    await _past_runs(bot, "calf_raises", [7])
    first = await chat.say_one("/today")
    assert "Calf raises rests for 2 days: last time it hurt a lot." in first["text"]
    routine = await _routine(bot)
    assert "calf_raises" not in {item["exercise_id"] for item in routine.items}


async def test_moderate_discomfort_at_the_lowest_level_stays_and_says_why(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    await _past_runs(bot, "calf_raises", [6])
    first = await chat.say_one("/today")
    assert "Calf raises stays at both legs: it was uncomfortable last time" in first["text"]
    async with bot.sessions() as session:
        level = await session.get(ExerciseLevel, (USER, "calf_raises"))
    assert level is not None and (level.level, level.rest_until) == (0, None)


async def _past_runs(bot: BotProcess, exercise_id: str, scores: list[int]) -> None:
    """Routine runs of `exercise_id` on the days before today, one a day, oldest first."""
    async with bot.sessions.begin() as session:
        for back, score in enumerate(reversed(scores), start=1):
            day = DAY - timedelta(days=back)
            at = datetime.combine(day, time(9, 0), tzinfo=UTC)
            routine = Routine(
                user_id=USER,
                local_date=day,
                items=[],
                notes=[],
                position=1,
                status=RoutineStatus.COMPLETED,
                started_at=at,
                finished_at=at,
            )
            session.add(routine)
            await session.flush()
            session.add(
                Walkthrough(
                    user_id=USER,
                    exercise_id=exercise_id,
                    chat_id=USER,
                    step=0,
                    step_count=4,
                    status=Status.COMPLETED,
                    version=5,
                    discomfort=score,
                    routine_id=routine.id,
                    position=0,
                    level=0,
                    started_at=at,
                    updated_at=at,
                    finished_at=at,
                )
            )


def _name(bot: BotProcess, routine: Routine, position: int) -> str:
    assert bot.app is not None
    exercise = bot.app.bot_data["services"].catalogue.get(routine.items[position]["exercise_id"])
    return exercise.name


async def test_skipped_as_too_hard_moves_back_a_level_the_next_day(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    async with bot.sessions.begin() as session:
        for exercise in _catalogue(bot):
            session.add(
                ExerciseLevel(
                    user_id=USER,
                    exercise_id=exercise.id,
                    level=1,
                    changed_on=DAY - timedelta(days=10),
                )
            )
    message = await chat.say_one("/today")
    skipped = _catalogue(bot).get((await _routine(bot)).items[0]["exercise_id"])
    assert skipped is not None
    await skip_exercise(chat, message, "Too hard")

    bot.clock.advance(timedelta(days=1))
    first = await chat.say_one("/today")
    easier = skipped.levels[0].name.lower()
    assert f"{skipped.name} moves back to {easier}: you found it too hard" in first["text"]
    async with bot.sessions() as session:
        level = await session.get(ExerciseLevel, (USER, skipped.id))
    assert level is not None and level.level == 0


async def test_skipped_for_want_of_equipment_comes_back_without_it(
    bot: BotProcess, client: SandboxClient
) -> None:
    # Bunions has two exercises, toe spacers (which needs them) and big-toe mobility: they
    # lead every routine until done, so Tuesday brings the skipped spacers back for sure.
    chat = await _person(bot, client, complaints=["bunions"], equipment=["toe_spacers"])
    message = await chat.say_one("/today")
    monday = (await _routine(bot)).items
    assert {"exercise_id": "toe_spacers", "level": 0, "variant": "standard"} in monday
    for _ in monday:
        message = await skip_exercise(chat, message, "No equipment")
    assert "Today's routine is complete." in message["text"]

    bot.clock.advance(timedelta(days=1))
    await chat.say_one("/today")
    async with bot.sessions() as session:
        tuesday = (
            (await session.scalars(select(Routine).where(Routine.local_date > DAY))).one().items
        )
    with_a_version = {e.id for e in _catalogue(bot) if e.without_equipment is not None}
    skipped = {i["exercise_id"] for i in monday if i["variant"] == "standard"} & with_a_version
    again = [item for item in tuesday if item["exercise_id"] in skipped]
    assert "toe_spacers" in {item["exercise_id"] for item in again}, (monday, tuesday)
    assert all(item["variant"] == "without_equipment" for item in again)


def _catalogue(bot: BotProcess) -> Catalogue:
    assert bot.app is not None
    return bot.app.bot_data["services"].catalogue
