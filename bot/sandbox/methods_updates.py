"""Bot API methods that decide how updates reach the bot: long polling or a webhook.

Telegram allows one at a time; getUpdates while a webhook is set is a 409, exactly what a bot
misconfigured for both would meet in production.
"""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.world import WebhookConfig, World

SECRET_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
MAX_POLL_TIMEOUT = 3600


async def get_updates(world: World, params: dict[str, Any]) -> Any:
    """getUpdates: confirm below offset, then hold up to ``timeout`` seconds for updates."""
    if world.webhook is not None:
        raise ApiError(409, WEBHOOK_CONFLICT)
    world.updates.set_allowed(params.get("allowed_updates"))
    limit = min(max(params.get("limit", 100), 1), 100)
    timeout = min(max(params.get("timeout", 0), 0), MAX_POLL_TIMEOUT)
    return await world.updates.long_poll(params.get("offset"), limit, timeout)


async def set_webhook(world: World, params: dict[str, Any]) -> Any:
    """setWebhook: an empty url removes the webhook, as in Telegram."""
    url = params["url"].strip()
    secret = params.get("secret_token")
    if secret is not None and not SECRET_TOKEN_RE.match(secret):
        raise bad_request("secret token contains unallowed characters")
    if params.get("drop_pending_updates"):
        world.updates.clear()
    world.updates.set_allowed(params.get("allowed_updates"))
    if not url:
        world.webhook = None
        return True
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    max_connections = params.get("max_connections", 40)
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    world.webhook = WebhookConfig(
        url=url,
        secret_token=secret,
        max_connections=max_connections,
        ip_address=params.get("ip_address"),
    )
    world.updates.wake_all()
    return True


async def delete_webhook(world: World, params: dict[str, Any]) -> Any:
    """deleteWebhook: always True, even when none was set."""
    world.webhook = None
    if params.get("drop_pending_updates"):
        world.updates.clear()
    return True


async def get_webhook_info(world: World, params: dict[str, Any]) -> Any:
    """getWebhookInfo, with the delivery error fields when the last delivery failed."""
    hook = world.webhook
    info: dict[str, Any] = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": world.updates.pending_count,
    }
    if hook is None:
        return info
    info["max_connections"] = hook.max_connections
    if hook.ip_address:
        info["ip_address"] = hook.ip_address
    if world.updates.allowed_updates:
        info["allowed_updates"] = world.updates.allowed_updates
    if hook.last_error_date is not None:
        info["last_error_date"] = hook.last_error_date
        info["last_error_message"] = hook.last_error_message
    return info
