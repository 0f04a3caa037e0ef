"""The safety re-check the clock sends comes in the person's stored language: the question and
the flags' buttons (the content's own translation), not English under a Russian frame."""

from __future__ import annotations

from datetime import timedelta

from telegram.ext import CallbackContext

from bot.domain.subscription import RECHECK_DAYS
from bot.i18n import use_language
from bot.sandbox.client import SandboxClient
from bot.storage.users import set_language
from bot.telegram import safety, texts
from tests.conftest import BotProcess
from tests.telegram.chat import Chat, labels
from tests.telegram.test_onboarding_e2e import press_and_wait, start_onboarding, toggle
from tests.telegram.test_safety_e2e import WOUND


async def test_the_recheck_speaks_russian_flags_included(
    bot: BotProcess, client: SandboxClient
) -> None:
    assert bot.app is not None
    chat = await Chat(client, 8108).setup()
    asked = await toggle(chat, await start_onboarding(chat), WOUND, on=True)
    await press_and_wait(chat, asked, "Continue", "please have a doctor")  # held
    async with bot.sessions.begin() as session:
        assert await set_language(session, 8108, "ru")  # chosen later with /language
    with use_language("ru"):
        recheck = texts.SAFETY_RECHECK
    seen = len(await chat.bot_messages())

    bot.clock.now += timedelta(days=RECHECK_DAYS, minutes=1)
    await safety.recheck_tick(CallbackContext(bot.app))
    messages = await chat.bot_messages()
    assert len(messages) == seen + 1
    asked = messages[-1]
    assert asked["text"].startswith(recheck)
    assert "✅ Рана, язва или ссадина" in labels(asked)
    assert not any(WOUND in label for label in labels(asked))
