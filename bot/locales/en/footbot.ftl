# FootBot, English. Messages use Telegram's HTML parse mode; the code escapes every value that
# comes from a person before it reaches a placeholder.

language-name = English
bot-description = Short daily foot exercises, step by step.

## The command menu (setMyCommands) and /help

command-start = Set up or turn on your daily reminder
command-exercises = All exercises
command-exercise = Find an exercise by name, e.g. /exercise calf raises
command-today = Start or continue today's routine
command-settings = Change your reminder time, days and preferences
command-pause = Take a break from reminders
command-resume = Turn reminders back on after a pause
command-stop = Stop daily reminders
command-progress = Your streak, regularity and how your feet feel
command-export = Your history as a CSV file, e.g. for your clinician
command-forget = Delete everything I know about you
command-language = Change the language I speak
command-help = What I can do

safety-line = Mild effort is fine; sharp or growing pain is a signal to stop. This is general guidance, not a diagnosis.
welcome =
    Hello, { $name }! I coach short foot exercises that can ease common foot complaints such as heel pain, bunions, hammertoes and tired arches.

    Type the name of an exercise (for example <i>calf raises</i> or <i>ball massage</i>), or tap /exercises to see them all. I will walk you through each one step by step.

    { safety-line }
help-title = <b>What I can do</b>
help-tail = You can also just type an exercise name, like <i>toe curls</i>. In any chat, type my username and a name to share an exercise card.

exercise-usage = Tell me which exercise, for example: <code>/exercise calf raises</code>. Or tap /exercises to pick from the list.
all-exercises =
    <b>Exercises</b>
    Tap one to see what it involves.
choices = I found a few that could match. Which one did you mean?
unknown-command = I don't know that command. Tap /help to see what I can do.
group-pointer = I work best in a private chat: open a chat with me to start your foot routine.
sorry = Sorry, something went wrong on my side. Please try again in a moment.
non-text = I can only read text for now. Type an exercise name, or tap /exercises.

## Answers to button presses

button-unknown = This button no longer works. Tap /exercises to start again.
button-stale = That screen has moved on; use the buttons on the latest message.
button-not-yours = This exercise belongs to someone else. Tap /exercises to start your own.
button-ended = This exercise has already ended. Tap /exercises to start another.
button-first-step = You are already at the first step.
exercise-gone = I can't find that exercise any more. Tap /exercises to see the current list.
timer-started = Timer started.
recorded = Saved.

## Walkthrough buttons

start-button = ▶️ Start
next-button = Next ➡️
done-button = ✅ Done
back-button = ⬅️ Back
skip-button = Skip step
stop-button = ⏹ Stop
again-button = 🔁 Do it again
hold-now-button = ▶️ Start now
timer-button = ⏱ Timer { $duration }
skip-rest-button = ⏭ Skip rest
start-set-button = ▶️ Start set { $number }
rating-none = 0 · none

duration-seconds = { $seconds } s
duration-minutes = { $minutes } min

not-found = I don't know an exercise called “{ $query }”. Tap /exercises to see them all, or try another name.

## The exercise card

card-helps-with = <b>Helps with:</b> { $targets }
card-you-need = <b>You need:</b> { $equipment }
card-steps-dose = <b>Steps:</b> { $steps } · <b>Dose:</b> { $dose }
card-take-care = <b>Take care</b>

dose-sets-reps = { $sets } × { $reps }
dose-reps = { $reps ->
    [one] { $reps } rep
   *[other] { $reps } reps
}
dose-sets = { $sets ->
    [one] { $sets } set
   *[other] { $sets } sets
}
dose-hold = hold { $duration }
dose-minutes = { $minutes } min
dose-own-pace = at your own pace
dose-per-side = { $dose } per side
dose-with-rest = { $dose }, { $rest } rest between sets

## Steps, sets, sides and timers

side-right = Right foot
side-left = Left foot
set-line = Set { $number } of { $count }
step-title = <b>{ $name }</b> · step { $number } of { $count }
step-times = { $reps ->
    [one] once
   *[other] { $reps } times
}
step-hold = hold { $duration }
step-each-side = { $detail } on each side
at-your-level = 🎚 At your level: { $level }
hold-finished = ✅ Hold finished.
rest-done = ⏸ Rest over.
time-up-rest = ⏱ <b>Rest over.</b> On to the next set.
time-up = ⏱ <b>Time's up:</b> { $duration } done.
time-up-next-side = ⏱ <b>Time's up:</b> { $duration } done. Now the { $side ->
    [left] left foot
   *[right] right foot
}.
time-up-next-set = ⏱ <b>Time's up:</b> { $duration } done. Now { $where }.
get-into-position = ⏱ Get into position: the { $hold } hold starts in { $wait }. I'll message you when it's done.
rate-on-last-step = Finished? Tap how much discomfort you felt (1-10), or ✅ if none.
holding-left = ⏱ Holding… { $duration } left.
holding-for = ⏱ Holding for { $duration }… I'll message you when it's done.
rest-title = <b>{ $name }</b> · set { $number } of { $count } done
rest-ready = Ready for set { $number } of { $count }? Tap Start.
rest-left = ⏸ Rest… { $duration } left before set { $number }.
rest-for = ⏸ Rest for { $duration }: shake out your feet and breathe. I'll message you when it's time for set { $number }.

## Rating discomfort

rating-question =
    <b>{ $name }</b>: well done!

    How much discomfort did you feel, from 0 (none) to 10 (worst)?
    { rating-bands }
rating-bands = 0-3 fine: counts toward the next level · 4-6 moderate: I'll ease it off · 7-10 severe: we stop for today
no-discomfort-reply = No discomfort. Nice and steady: this counts as an easy session.
rating-reply-fine = Mild discomfort is common while feet get used to new work. Keep it gentle: this counts as an easy session.
rating-reply-moderate = Moderate discomfort: next time this exercise comes one step easier (or stays where it is if it is already the easiest), and I'll say why. Rest if it lingers.
rating-reply-severe =
    ⚠️ That is a lot of discomfort. Please stop for today and don't push through pain. I'll leave this exercise out for at least two days. If the pain is sharp, lasts more than a day or two, comes with swelling, redness, warmth, numbness or tingling, or wakes you at night, please see a doctor or physiotherapist before you continue.

    You can pause your reminders while your feet recover.
hurts-advice = 🩹 Pain is a signal to ease off, not to push through: rest it today. Next time it comes one step easier, or rests for a couple of days. If the pain is sharp, lasts more than a day or two, or comes with swelling, please see a doctor or physiotherapist.
rating-recorded = <b>{ $name }</b>: recorded discomfort { $score }/10.
stopped-hurts = <b>{ $name }</b>: stopped.
stopped = <b>{ $name }</b>: stopped. That's fine: listen to your feet. You can start again whenever you like.

## Onboarding

onboarding-intro = Let's set up your daily reminder. It takes a minute, and you can change everything later with /settings.
onboarding-resume = Welcome back! Let's finish setting up where we left off.
safety-question =
    <b>First, a quick safety check.</b>
    Do any of these apply to you? Tap all that do, then Continue.
safety-none = None of these
continue = Continue ➡️
complaints-question =
    <b>What bothers your feet?</b>
    Tap all that apply, then Continue. Not sure? Just tap Continue.
equipment-question =
    <b>What do you have at home?</b>
    Tap what you have, then Continue. Many exercises need nothing but the floor and a chair.
equipment-none = None of these
length-question = <b>How long should a daily session be?</b>
time-question =
    <b>When would you like your reminder?</b>
    Tap a time, or type one, like <code>7:30</code>, <code>19:45</code> or <code>7pm</code>.
time-not-understood = I couldn't read that as a time. Please type it like <code>7:30</code>, <code>19:45</code> or <code>7pm</code>, or tap one of the times above.
zone-question =
    <b>Where are you?</b> I need your time zone to remind you at the right hour.
    • tap <b>📍 Share location</b> below (used only to find your time zone), or
    • type a city or zone, like <code>Berlin</code>, <code>New York</code> or <code>Asia/Kolkata</code>, or
    • pick a UTC offset.
share-location = 📍 Share location
pick-offset = Pick a UTC offset
offset-question = <b>Pick your UTC offset</b> (your local time minus UTC, in hours):
zone-not-found = I couldn't find a time zone for “{ $text }”. Try a bigger city nearby, a zone name like <code>Europe/Berlin</code>, or an offset like <code>UTC+2</code>.
zone-choices = Which one do you mean?
zone-from-location-failed = I couldn't find a time zone for that place. Please type a city name instead.
zone-confirm-yes = ✅ Yes, that's right
zone-confirm-no = No, change it
zone-confirm = Your local time is <b>{ $time }</b> on { $weekday } in { $zone }. Is that right?
days-question = <b>Which days?</b>
every-day = Every day
choose-days = Choose days
days-pick = <b>Tap the days you want reminders on</b>, then Continue.
days-need-one = Pick at least one day.
days-every-day = every day
days-weekdays = on weekdays
days-some = on { $days }
location-outside-setup = Thanks! I only use a location to set your time zone: open /settings to change it.
start-now-button = ▶️ Start today's routine now
all-set =
    <b>All set!</b> I'll remind you at <b>{ $time }</b> ({ $zone }), { $days }.
    First reminder: { $first }.

    Change anything with /settings, take a break with /pause, or stop with /stop. Meanwhile, type any exercise name to try it.

## /settings

settings-need-setup = You haven't set up reminders yet. Let's do that now.
settings-button-time = ⏰ Time
settings-button-zone = 🌍 Time zone
settings-button-days = 📅 Days
settings-button-complaints = 🦶 Complaints
settings-button-equipment = 🧰 Equipment
settings-button-length = ⏱ Session length
settings-button-safety = 🩺 Safety check
settings-button-summary = 📬 Weekly summary
settings-button-language = 🗣 Language
saved = Saved.
settings-overview =
    <b>Your settings</b>
    Reminder: { $time } ({ $zone }), { $days }
    Status: { $state }
    Focus: { $complaints }
    Equipment: { $equipment }
    Session length: { $minutes } minutes
    Safety notes: { $flags }
    Weekly summary: { $summary }
    Language: { language-name }

    Tap what you want to change.
settings-focus-none = general foot health
settings-equipment-none = none needed
settings-flags-none = none

## /language

language-question = <b>Which language should I speak?</b>
language-changed = Done: I'll speak English from now on.

## /pause, /resume, /stop

pause-question = <b>Pause reminders?</b> Choose for how long. Paused days never break your streak. Use “Injured or away” if your feet need a rest or you are travelling: reminders stay off until you /resume.
pause-option-1 = 1 day
pause-option-3 = 3 days
pause-option-7 = 1 week
pause-option-14 = 2 weeks
pause-option-open = Until I resume
pause-option-frozen = 🩹 Injured or away
pause-need-subscription = There are no reminders to pause. /start sets them up.
resume-not-paused = Your reminders are already on. Next one: { $next }.
stop-reminders-question = Stop your daily reminders? Your history stays, and /start turns them back on.
stop-yes = Yes, stop reminders
stop-no = No, keep them
stop-kept = Good: your reminders stay on.
reminders-stopped = Reminders stopped. Whenever you want them back, send /start.
already-stopped = Your reminders are already off. /start turns them back on.
not-subscribed = You have no reminders yet. /start sets them up.
pause-keeps-streak = Your streak is kept safe meanwhile.
time-not-set = not set
no-next-reminder = -
status-stopped = stopped
status-held = on hold until your foot has been checked
status-paused-open = paused until you /resume
status-on = on
status-paused-until = paused until { $date }
status-on-next = on, next { $date }
minutes-label = { $minutes } min
day-and-time = { $day }, { $time }
paused-until = Paused until { $date }. { pause-keeps-streak } Send /resume to start earlier.
paused-open = Reminders paused until you send /resume. { pause-keeps-streak }
paused-open-injured = Reminders paused until you send /resume. { pause-keeps-streak } Rest your feet and take care of yourself.
resumed = Welcome back! Reminders are on again. Next one: { $next }.
subscribed-again = Welcome back! Your reminders are on again. Next one: { $next }.

## Daily reminders

reminder-start-button = ▶️ Start today's routine
reminder-snooze-button = ⏰ Snooze 1 h
snooze-q = 15 min
snooze-h = 1 h
snooze-t = 3 h
snooze-e = This evening
snooze-button = { $choice ->
    [q] ⏰ Snooze 15 min
    [h] ⏰ Snooze 1 h
    [t] ⏰ Snooze 3 h
   *[e] ⏰ Snooze this evening
}
reminder-evening-passed = The evening is nearly here: pick a shorter snooze, or start now.
reminder-skip-button = Skip today
reminder-skipped = Skipped for today. See you tomorrow.
reminder-not-yours = This reminder belongs to someone else.
reminder-old-day = This reminder is from an earlier day. Your next one comes at the usual time.
reminder-answered = You have already answered this reminder. /today opens today's routine.
reminder-too-late = It's too late to snooze today: the day ends before then. See you tomorrow!
reminder = { $part ->
    [morning] Good morning
    [afternoon] Good afternoon
    [evening] Good evening
   *[night] Hello
}, { $name }! Your foot routine for { $day } is ready.
reminder-again = ⏰ Here I am again, { $name }! Your foot routine for { $day } is still waiting.
reminder-snoozed = ⏰ Snoozed until { $until }. I'll remind you again then.
reminder-started = ▶️ Today's routine is below. Let's go!

## The daily routine

skip-exercise-button = Skip exercise
skip-one-button = ⏭ Skip
skip-this-step-button = This step
skip-whole-button = The whole exercise
skip-choice-question = <b>{ $name }</b>: skip this step, or the whole exercise?
done-fine-button = ✅ Done, no discomfort
skip-reason-hurts = It hurts
skip-reason-no_time = No time
skip-reason-no_equipment = No equipment
skip-reason-too_hard = Too hard
skip-question = <b>{ $name }</b>: why skip it? This helps me adjust your routine.
stop-question = <b>{ $name }</b>: why stop? This helps me adjust what comes next.
routine-ended = That routine has ended. Tap /today for today's.
routine-nothing-suitable = I couldn't find an exercise that suits your answers today. Check /settings, or ask a doctor or physiotherapist which exercises are right for you.
routine-overview = 📋 <b>Today:</b> { $names } · about { $minutes } min
routine-already-done = Today's routine is done ✅. Well done! See you tomorrow.
routine-continue = Let's continue where you left off.
routine-stopped-today = You stopped today's routine. Rest today, and see how your feet feel tomorrow.
severe-stop =
    ⚠️ { $score }/10 is too much. Please stop for today and don't push through pain. If it is sharp, lasts more than a day or two, or comes with swelling, redness, warmth, numbness or tingling, please see a doctor or physiotherapist before you continue. I'll leave this exercise out for at least two days.

    You can pause your reminders while your feet recover.
pause-offer-button = 🩹 Pause reminders
variant-note = Equipment-free version
level-change-three_easy = { $name } moves up to { $level }: three easy sessions on three different days.
level-change-discomfort_high = { $name } moves back to { $level }: it was uncomfortable last time.
level-change-discomfort_moderate_at_lowest = { $name } stays at { $level }: it was uncomfortable last time, so it waits before moving up.
level-change-discomfort_severe = { $name } rests for { $days } days: last time it hurt a lot. It comes back at { $level }.
level-change-skipped_hurts = { $name } moves back to { $level }: you skipped it last time because it hurt.
level-change-skipped_hurts_at_lowest = { $name } rests for { $days } days: you skipped it last time because it hurt.
level-change-skipped_too_hard = { $name } moves back to { $level }: you found it too hard last time.
routine-heading = Exercise { $number } of { $total }
level-note = Level: { $level }
after-skipped = { $name }: skipped.
after-done = { $name }: done, discomfort { $score }/10. { $short ->
    [none] Nice and easy.
    [fine] A little effort is fine.
    [moderate] Next time it comes one step easier.
   *[severe] Go easy: stop if it gets sharp.
}
routine-summary =
    <b>Today's routine is complete.</b>
    Done: { $done } · Skipped: { $skipped }
    Streak: { $streak } 🔥

    Small, steady steps are what help feet most. See you tomorrow!

## /progress, weekly summary, /export, /forget

progress-empty = Nothing recorded yet. Once you finish your first exercise, /progress shows your streak, how regularly you practise and how your feet feel over time. Tap /exercises to begin.
no-scheduled-days = no scheduled days yet
percent = { $percent }%
streak-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
trend-better = easing
trend-steady = steady
trend-worse = more discomfort lately
trend-unknown = too early to tell
exercise-trend = • <b>{ $name }</b>: { $times ->
    [one] once
   *[other] { $times } times
}, { $rated }, { $trend }
average-none = no ratings
average-zero = no discomfort
average-discomfort = discomfort { $average }/10 on average
progress-title = <b>Your progress</b>
progress-streak = 🔥 Streak: { $streak } (paused days don't break it)
progress-since-start = Since you started: { $share } of your scheduled days
progress-last-7 = Last 7 days: { $share } of your scheduled days
progress-last-30 = Last 30 days: { $share } of your scheduled days
progress-exercises-30 = Exercises in the last 30 days
progress-exercises-so-far = Exercises so far
chart-title = { $days ->
    [1] Today
    [one] Last { $days } day
   *[other] Last { $days } days
}
chart-completed = Exercises done
chart-discomfort = Average discomfort (0-10)
chart-caption = Bars: exercises done each day. Line: average discomfort.
summary-question =
    <b>Weekly summary</b>
    On which evening would you like a short look back at your week? It comes at 19:00 your time.
summary-off = Off
summary-setting-off = off
summary-setting = { $weekday }s
weekly-summary =
    📬 <b>Your week, { $name }</b>
    You practised on { $days ->
        [one] { $days } day
       *[other] { $days } days
    } of the last 7.
    🔥 Streak: { $streak }
    Scheduled days done: { $share }

    { $closing ->
        [steady] That is a steady rhythm. Keep it gentle and keep it going.
        [counts] Every session counts. A few minutes on most days is what adds up.
       *[fresh] A new week is a fresh start: even one short session helps your feet.
    }
    /progress shows the details.
export-empty = There is no history to export yet. Once you have done an exercise, /export sends it as a spreadsheet file.
export-caption = Your exercise history as a CSV file (opens in any spreadsheet). Times are in { $zone }; discomfort is 0 (none) to 10 (worst).
export-header-date = Date
export-header-start = Start time
export-header-exercise = Exercise
export-header-level = Level
export-header-variant = Variant
export-header-status = Status
export-header-discomfort = Discomfort (0-10)
export-header-skip-reason = Skip reason
export-status-completed = done
export-status-stopped = stopped
export-status-skipped = skipped
export-status-active = not finished
export-status-rating = not rated
export-variant-standard = standard
export-variant-without_equipment = without equipment
forget-question =
    <b>Delete everything I know about you?</b>
    Your settings, reminders, routines and exercise history will be gone for good. If you want a copy, tap /export first.
forget-yes = Yes, delete everything
forget-no = No, keep it
forget-kept = Nothing was deleted.
forgotten = Done: I have deleted everything I knew about you. If you send /start, we begin again as strangers.

## The safety check

and-list-last = { $head } and { $last }
safety-modified = Thank you for telling me. Because of { $because }, I have shaped your routine around it: exercises and harder versions that don't suit you are left out.
safety-go-ahead = Thank you. Nothing on the list: you can use the full programme.
safety-check-done = Your safety answers are saved. /today opens today's routine.
safety-seated = Seated exercises come first where there is a choice.
safety-lowest = Every exercise stays on its easiest level, and none moves up until this settles.
safety-foot-check = 🦶 Look over both feet every day for cuts, blisters, red patches or swelling, and use a mirror for the soles if that helps.
safety-get-checked = 🩺 Pain at night or at rest is worth showing to a doctor or physiotherapist; tell them if it changes.
safety-keep-gentle = Keep every exercise gentle and stop at any sharp pain.
safety-first-check = Before your routine, a quick safety check: it decides what I suggest.
safety-recheck = It has been a few days since your safety check. Has your foot been looked at? Tap what still applies, or “None of these” if it is fine now.
safety-words-heard = That sounds like something to look at before exercising. Let's go through the safety check again: tap what applies now.
safety-left-out = Left out of your routine: { $names }.
safety-hold =
    Because of { $because }, please have a doctor, nurse or physiotherapist look at your foot before you start these exercises.

    Until then I won't send reminders or routines, and you can still look up any exercise. Once someone has checked your foot and said it's fine, tap the button below.
hold-cleared-button = ✅ I've been checked, it's fine
hold-later-button = 🔁 Ask me again in a few days
hold-cleared = Good to hear it has been looked at. Your routine is back on.
hold-cleared-setup = Good to hear it has been looked at. Let's finish setting up.
hold-not-held = Nothing is on hold.
hold-later = All right. I'll ask you again on { $day }. Meanwhile, look up any exercise by name.
card-held = ⚠️ <b>First:</b> because of { $because }, please have your foot checked before trying this.
card-left-out = 🚫 Not in your routine, because of { $because }.
card-rung-out = 🚫 The “{ $level }” version is not in your routine, because of { $because }.

## The operator's commands (/admin): for ADMIN_IDS only, never in the menu or /help

admin-usage =
    Operator commands:
    /admin - the figures
    /admin broadcast - write a message to every active subscriber
    /admin broadcast <i>text</i> - the same, with the text given
admin-broadcast-ask = Send me the message for every active subscriber as your next text message. You will see a preview before anything goes out.
admin-broadcast-send = Send to everyone
admin-cancel = Cancel
admin-broadcast-cancelled = Broadcast cancelled. Nothing was sent.
admin-broadcast-too-long = That message is too long for one Telegram message. Shorten it and start again with /admin broadcast.
admin-figure-subscribers = Subscribers
admin-figure-subscribers-definition = Active: subscription on, not in a timed pause, bot not blocked (they get broadcasts). Paused: /pause. Stopped: /stop. Blocked: Telegram said 403; /start undoes it.
admin-figure-today = Reminders today
admin-figure-today-definition = Daily reminders due on today's UTC date: already claimed plus still to come today. Sent: those of them Telegram accepted. Snoozes are not counted.
admin-figure-late = Late, 24 h
admin-figure-late-definition = Reminders (daily and snoozed) sent in the last 24 hours more than 5 minutes after they were due: the bot was down or busy.
admin-figure-failed = Failed, 24 h
admin-figure-failed-definition = Reminders due in the last 24 hours that Telegram refused or that timed out, people who blocked the bot included. They are not retried.
admin-figure-routines = Routines finished, 7 days
admin-figure-routines-definition = Daily routines completed to the last exercise in the last 7 days. Routines stopped early (e.g. for pain) are not counted.
admin-figure-discomfort = Discomfort trend
admin-figure-discomfort-definition = Median 0-10 rating of exercises finished in the last 7 days, then of the 7 days before. Lower is easier. A dash: no ratings in that week.
admin-figure-parked = Parked updates
admin-figure-parked-definition = Messages and presses the bot gave up on after repeated errors or could not read. See README, 'How updates are kept'.
admin-overview-title = <b>FootBot, as of now</b>
admin-overview-subscribers = { $active } active, { $paused } paused, { $stopped } stopped, { $blocked } blocked
admin-overview-today = { $sent } sent of { $due } due
admin-overview-discomfort = { $now } (the week before: { $before })
admin-overview-tap = Tap a figure for its definition.
broadcast-preview = <b>Preview.</b> This goes to { $recipients ->
    [one] { $recipients } active subscriber
   *[other] { $recipients } active subscribers
} (counted again when you send):
broadcast-progress = Sending the broadcast: { $done } of { $recipients } done.
broadcast-finished = Broadcast finished: { $sent } sent, { $blocked } blocked the bot, { $failed } failed.
broadcast-skipped = { $skipped } left before their turn (stopped or blocked meanwhile).
