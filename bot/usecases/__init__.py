"""Use cases: one async function per thing a person or the clock does.

Each one opens one transaction (or none, for a pure read), calls the pure rules in
`bot.domain` and the queries in `bot.storage`, and returns a frozen result that says what
changed and what to show. The Telegram layer decodes an update, calls one use case and renders
its result; it holds no SQL, no transactions and no rules of its own. Nothing here imports
Telegram: results carry data (codes, numbers, domain values), never rendered text.
"""
