"""The durable inbox: updates are stored before they are acknowledged, then handled once.

`polling.Poller` fetches updates and stores them; `worker.Worker` takes stored rows in order
per chat and runs the PTB handlers on them. Both talk to the database only through
`bot.usecases.inbox`.
"""
