"""The discomfort policy through every entry path, end to end against the local server.

A rating after an exercise opened by name counts like a routine's; a severe one rests the
exercise and the next day's routine says why. "It hurts", given to Skip in a routine or to Stop
outside one, gets a line of advice and steps the exercise back.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from bot.content import Catalogue
from bot.domain.walkthrough import Status
from bot.sandbox.client import SandboxClient
from bot.storage.models import ExerciseLevel, Routine, Walkthrough
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, Message, labels
from tests.telegram.test_routine_e2e import finish_exercise, skip_exercise, tap_and_wait

USER = 7101
DAY = date(2026, 3, 2)  # the clock's Monday; Berlin 08:30


async def _person(bot: BotProcess, client: SandboxClient) -> Chat:
    chat = await Chat(client, USER).setup()
    await subscribe(bot.sessions, USER, bot.clock(), at=time(7, 30))
    return chat


async def _at_level(bot: BotProcess, exercise_ids: list[str], level: int) -> None:
    async with bot.sessions.begin() as session:
        for exercise_id in exercise_ids:
            session.add(
                ExerciseLevel(
                    user_id=USER,
                    exercise_id=exercise_id,
                    level=level,
                    changed_on=DAY - timedelta(days=10),
                )
            )


async def _standing(bot: BotProcess, exercise_id: str) -> ExerciseLevel:
    async with bot.sessions() as session:
        standing = await session.get(ExerciseLevel, (USER, exercise_id))
    assert standing is not None
    return standing


async def _open_by_name(chat: Chat, words: str) -> Message:
    card = await chat.say_one(words)
    await chat.tap(card, "Start")
    (step,) = await chat.wait_new(card["message_id"])
    return step


async def _routine_items(bot: BotProcess, day: date) -> list[str]:
    async with bot.sessions() as session:
        (routine,) = await session.scalars(select(Routine).where(Routine.local_date == day))
    return [item["exercise_id"] for item in routine.items]


async def _runs(bot: BotProcess) -> list[Walkthrough]:
    async with bot.sessions() as session:
        return list(await session.scalars(select(Walkthrough).order_by(Walkthrough.id)))


def _catalogue(bot: BotProcess) -> Catalogue:
    assert bot.app is not None
    catalogue: Catalogue = bot.app.bot_data["services"].catalogue
    return catalogue


async def test_a_rating_of_8_by_name_rests_the_exercise_and_the_next_day_says_why(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    await _at_level(bot, ["calf_raises"], 1)
    step = await _open_by_name(chat, "calf raises")
    assert "Level: One leg" in step["text"]  # by name, too, at the person's level
    while "✅ Done" not in labels(step):
        step = await tap_and_wait(chat, step, "Next")
        if "8 times" in step["text"] and "Right foot" in step["text"]:
            break  # the level's own dose on the counted step
    else:
        raise AssertionError("the level's dose was not shown")

    reply = await finish_exercise(chat, step, 8)
    assert "recorded discomfort 8/10" in reply["text"]
    assert "doctor or physiotherapist" in reply["text"]
    assert "at least two days" in reply["text"]
    assert labels(reply) == [texts.PAUSE_OFFER_BUTTON]

    bot.clock.advance(timedelta(days=1))
    first = await chat.say_one("/today")
    assert "Calf raises rests for 2 days: last time it hurt a lot." in first["text"]
    assert "calf_raises" not in await _routine_items(bot, DAY + timedelta(days=1))
    standing = await _standing(bot, "calf_raises")
    assert (standing.level, standing.rest_until) == (1, DAY + timedelta(days=3))

    bot.clock.advance(timedelta(days=1))
    await chat.say_one("/today")
    assert "calf_raises" not in await _routine_items(bot, DAY + timedelta(days=2))


async def test_a_routine_rating_of_7_stops_the_day_with_advice_and_a_pause(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    message = await chat.say_one("/today")
    first = (await _routine_items(bot, DAY))[0]
    message = await finish_exercise(chat, message, 7)
    assert "7/10 is too much" in message["text"]
    assert "sharp, lasts more than a day or two, or comes with swelling" in message["text"]
    assert labels(message) == [texts.PAUSE_OFFER_BUTTON]
    assert (await chat.say_one("/today"))["text"] == texts.ROUTINE_STOPPED_TODAY

    bot.clock.advance(timedelta(days=1))
    await chat.say_one("/today")
    assert first not in await _routine_items(bot, DAY + timedelta(days=1))


async def test_skipping_because_it_hurts_gives_advice_and_steps_the_exercise_down(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    await _at_level(bot, [exercise.id for exercise in _catalogue(bot)], 1)
    message = await chat.say_one("/today")
    skipped = _catalogue(bot).get((await _routine_items(bot, DAY))[0])
    assert skipped is not None
    message = await skip_exercise(chat, message, "It hurts")
    assert message["text"].startswith(f"{skipped.name}: skipped.\n{texts.HURTS_ADVICE}")
    assert "Exercise 2 of" in message["text"]  # the routine goes on: this is not a 7

    bot.clock.advance(timedelta(days=1))
    first = await chat.say_one("/today")
    easier = skipped.levels[0].name.lower()
    reason = f"{skipped.name} moves back to {easier}: you skipped it last time because it hurt."
    assert reason in first["text"]
    assert (await _standing(bot, skipped.id)).level == 0


async def test_stopping_mid_exercise_because_it_hurts_gives_advice_and_rests_it(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    step = await _open_by_name(chat, "toe extensor stretch")
    step = await tap_and_wait(chat, step, "Next")
    assert "step 2 of 3" in step["text"]
    question = await tap_and_wait(chat, step, "Stop")
    assert "why stop?" in question["text"]
    stopped = await tap_and_wait(chat, question, "It hurts")
    assert "stopped" in stopped["text"] and texts.HURTS_ADVICE in stopped["text"]
    (run,) = await _runs(bot)
    assert (run.status, run.skip_reason) == (Status.SKIPPED, "hurts")

    bot.clock.advance(timedelta(days=1))
    first = await chat.say_one("/today")
    assert "Toe extensor stretch rests for 2 days: you skipped it last time" in first["text"]
    assert "toe_extensor_stretch" not in await _routine_items(bot, DAY + timedelta(days=1))
