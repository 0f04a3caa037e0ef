# FootBot, español.

language-name = Español
bot-description = Ejercicios cortos para los pies, cada día, paso a paso.

## Menú de comandos y /help

command-start = Configurar o activar tu recordatorio diario
command-exercises = Todos los ejercicios
command-exercise = Buscar un ejercicio por nombre, p. ej. /exercise elevación de talones
command-today = Empezar o seguir la rutina de hoy
command-settings = Cambiar hora, días y preferencias
command-pause = Tomarte un descanso de los recordatorios
command-resume = Reactivar los recordatorios tras una pausa
command-stop = Dejar de recibir recordatorios
command-progress = Tu racha, tu constancia y cómo van tus pies
command-export = Tu historial en un archivo CSV, p. ej. para tu fisioterapeuta
command-forget = Borrar todo lo que sé de ti
command-language = Cambiar el idioma en que te hablo
command-help = Qué puedo hacer

safety-line = Un esfuerzo suave está bien; un dolor agudo o que va a más es señal para parar. Esto es una orientación general, no un diagnóstico.
welcome =
    ¡Hola, { $name }! Te acompaño con ejercicios cortos para los pies que pueden aliviar molestias frecuentes como el dolor de talón, los juanetes, los dedos en martillo o el arco cansado.

    Escribe el nombre de un ejercicio (por ejemplo <i>elevación de talones</i> o <i>masaje con pelota</i>), o toca /exercises para verlos todos. Te guiaré paso a paso en cada uno.

    { safety-line }
help-title = <b>Qué puedo hacer</b>
help-tail = También puedes escribir el nombre de un ejercicio, como <i>flexión de dedos</i>. En cualquier chat, escribe mi nombre de usuario y un ejercicio para compartir su ficha.

exercise-usage = Dime qué ejercicio, por ejemplo: <code>/exercise elevación de talones</code>. O toca /exercises para elegir de la lista.
all-exercises =
    <b>Ejercicios</b>
    Toca uno para ver en qué consiste.
choices = Encontré varios que podrían encajar. ¿Cuál buscabas?
unknown-command = No conozco ese comando. Toca /help para ver qué puedo hacer.
group-pointer = Funciono mejor en un chat privado: ábreme un chat para empezar tu rutina de pies.
sorry = Perdona, algo falló por mi parte. Inténtalo de nuevo en un momento.
non-text = Por ahora solo leo texto. Escribe el nombre de un ejercicio o toca /exercises.

## Respuestas a botones

button-unknown = Este botón ya no funciona. Toca /exercises para empezar de nuevo.
button-stale = Esa pantalla ya cambió; usa los botones del último mensaje.
button-not-yours = Este ejercicio es de otra persona. Toca /exercises para empezar el tuyo.
button-ended = Este ejercicio ya terminó. Toca /exercises para empezar otro.
button-first-step = Ya estás en el primer paso.
exercise-gone = Ya no encuentro ese ejercicio. Toca /exercises para ver la lista actual.
timer-started = Temporizador en marcha.
recorded = Guardado.

## Botones del ejercicio

start-button = ▶️ Empezar
next-button = Siguiente ➡️
done-button = ✅ Hecho
back-button = ⬅️ Atrás
skip-button = Saltar paso
stop-button = ⏹ Parar
again-button = 🔁 Repetir
hold-now-button = ▶️ Empezar ya
timer-button = ⏱ Temporizador { $duration }
skip-rest-button = ⏭ Saltar descanso
start-set-button = ▶️ Empezar serie { $number }
rating-none = 0 · nada

duration-seconds = { $seconds } s
duration-minutes = { $minutes } min

not-found = No conozco ningún ejercicio llamado «{ $query }». Toca /exercises para verlos todos o prueba con otro nombre.

## La ficha del ejercicio

card-helps-with = <b>Ayuda con:</b> { $targets }
card-you-need = <b>Necesitas:</b> { $equipment }
card-steps-dose = <b>Pasos:</b> { $steps } · <b>Dosis:</b> { $dose }
card-take-care = <b>Con cuidado</b>

dose-sets-reps = { $sets } × { $reps }
dose-reps = { $reps ->
    [one] { $reps } repetición
   *[other] { $reps } repeticiones
}
dose-sets = { $sets ->
    [one] { $sets } serie
   *[other] { $sets } series
}
dose-hold = mantener { $duration }
dose-minutes = { $minutes } min
dose-own-pace = a tu ritmo
dose-per-side = { $dose } por lado
dose-with-rest = { $dose }, { $rest } de descanso entre series

## Pasos, series, lados y temporizadores

side-right = Pie derecho
side-left = Pie izquierdo
set-line = Serie { $number } de { $count }
step-title = <b>{ $name }</b> · paso { $number } de { $count }
step-times = { $reps ->
    [one] una vez
   *[other] { $reps } veces
}
step-hold = mantener { $duration }
step-each-side = { $detail } en cada lado
at-your-level = 🎚 En tu nivel: { $level }
hold-finished = ✅ Listo, tiempo cumplido.
rest-done = ⏸ Fin del descanso.
time-up-rest = ⏱ <b>Fin del descanso.</b> Vamos con la siguiente serie.
time-up = ⏱ <b>¡Tiempo!</b> { $duration } hechos.
time-up-next-side = ⏱ <b>¡Tiempo!</b> { $duration } hechos. Ahora el { $side ->
    [left] pie izquierdo
   *[right] pie derecho
}.
time-up-next-set = ⏱ <b>¡Tiempo!</b> { $duration } hechos. Ahora: { $where }.
get-into-position = ⏱ Ponte en posición: los { $hold } empiezan a contar dentro de { $wait }. Te escribo cuando termine.
rate-on-last-step = ¿Terminaste? Toca cuánta molestia sentiste (1-10), o ✅ si no sentiste ninguna.
holding-left = ⏱ Mantén… quedan { $duration }.
holding-for = ⏱ Mantén { $duration }… te escribo cuando termine.
rest-title = <b>{ $name }</b> · serie { $number } de { $count } hecha
rest-ready = ¿Todo listo para la serie { $number } de { $count }? Toca Empezar.
rest-left = ⏸ Descanso… quedan { $duration } para la serie { $number }.
rest-for = ⏸ Descansa { $duration }: sacude los pies y respira. Te escribo cuando toque la serie { $number }.

## Valorar la molestia

rating-question =
    <b>{ $name }</b>: ¡bien hecho!

    ¿Cuánta molestia sentiste, de 0 (nada) a 10 (la peor)?
    { rating-bands }
rating-bands = 0-3 bien: cuenta para subir de nivel · 4-6 moderada: lo suavizo · 7-10 fuerte: paramos por hoy
no-discomfort-reply = Sin molestias. Tranquilo y constante: cuenta como una sesión fácil.
rating-reply-fine = Una molestia leve es normal mientras los pies se acostumbran. Hazlo con suavidad: cuenta como una sesión fácil.
rating-reply-moderate = Molestia moderada: la próxima vez este ejercicio será un paso más fácil (o se quedará igual si ya es el más fácil), y te diré por qué. Descansa si la molestia persiste.
rating-reply-severe =
    ⚠️ Eso es mucha molestia. Para por hoy y no fuerces con dolor. Dejaré este ejercicio fuera al menos dos días. Si el dolor es agudo, dura más de uno o dos días, viene con hinchazón, enrojecimiento, calor, entumecimiento u hormigueo, o te despierta por la noche, consulta a un médico o fisioterapeuta antes de seguir.

    Puedes pausar los recordatorios mientras tus pies se recuperan.
hurts-advice = 🩹 El dolor es una señal para aflojar, no para forzar: descansa hoy. La próxima vez será un paso más fácil o descansará un par de días. Si el dolor es agudo, dura más de uno o dos días o viene con hinchazón, consulta a un médico o fisioterapeuta.
rating-recorded = <b>{ $name }</b>: molestia anotada { $score }/10.
stopped-hurts = <b>{ $name }</b>: detenido.
stopped = <b>{ $name }</b>: detenido. Está bien: escucha a tus pies. Puedes volver a empezar cuando quieras.

## Primeros pasos

onboarding-intro = Vamos a configurar tu recordatorio diario. Lleva un minuto, y puedes cambiarlo todo después con /settings.
onboarding-resume = ¡Hola de nuevo! Terminemos la configuración donde la dejamos.
safety-question =
    <b>Primero, una comprobación rápida de seguridad.</b>
    ¿Te pasa alguna de estas cosas? Toca todas las que correspondan y luego Continuar.
safety-none = Ninguna
continue = Continuar ➡️
complaints-question =
    <b>¿Qué te molesta en los pies?</b>
    Toca todo lo que corresponda y luego Continuar. ¿No lo sabes? Toca Continuar.
equipment-question =
    <b>¿Qué tienes en casa?</b>
    Toca lo que tengas y luego Continuar. Muchos ejercicios solo necesitan el suelo y una silla.
equipment-none = Nada de esto
length-question = <b>¿Cuánto quieres que dure la sesión diaria?</b>
time-question =
    <b>¿A qué hora quieres el recordatorio?</b>
    Toca una hora o escríbela, como <code>7:30</code>, <code>19:45</code> o <code>7pm</code>.
time-not-understood = No he entendido esa hora. Escríbela como <code>7:30</code>, <code>19:45</code> o <code>7pm</code>, o toca una de las horas de arriba.
zone-question =
    <b>¿Dónde estás?</b> Necesito tu zona horaria para avisarte a la hora correcta.
    • toca <b>📍 Compartir ubicación</b> abajo (solo la uso para saber tu zona horaria), o
    • escribe una ciudad o zona, como <code>Madrid</code>, <code>Ciudad de México</code> o <code>America/Bogota</code>, o
    • elige una diferencia con UTC.
share-location = 📍 Compartir ubicación
pick-offset = Elegir diferencia con UTC
offset-question = <b>Elige tu diferencia con UTC</b> (tu hora local menos UTC, en horas):
zone-not-found = No encontré una zona horaria para «{ $text }». Prueba con una ciudad grande cercana, un nombre de zona como <code>Europe/Madrid</code> o una diferencia como <code>UTC+2</code>.
zone-choices = ¿Cuál quieres decir?
zone-from-location-failed = No encontré una zona horaria para ese lugar. Escribe el nombre de una ciudad.
zone-confirm-yes = ✅ Sí, correcto
zone-confirm-no = No, cambiarla
zone-confirm = Tu hora local es <b>{ $time }</b> del { $weekday } en { $zone }. ¿Es correcto?
days-question = <b>¿Qué días?</b>
every-day = Todos los días
choose-days = Elegir días
days-pick = <b>Toca los días en que quieres recordatorio</b> y luego Continuar.
days-need-one = Elige al menos un día.
days-every-day = todos los días
days-weekdays = de lunes a viernes
days-some = los { $days }
location-outside-setup = ¡Gracias! Solo uso la ubicación para saber tu zona horaria: abre /settings para cambiarla.
start-now-button = ▶️ Empezar la rutina de hoy ya
all-set =
    <b>¡Listo!</b> Te avisaré a las <b>{ $time }</b> ({ $zone }), { $days }.
    Primer recordatorio: { $first }.

    Cambia lo que quieras con /settings, descansa con /pause o para con /stop. Mientras tanto, escribe el nombre de un ejercicio para probarlo.

## /settings

settings-need-setup = Aún no has configurado los recordatorios. Hagámoslo ahora.
settings-button-time = ⏰ Hora
settings-button-zone = 🌍 Zona horaria
settings-button-days = 📅 Días
settings-button-complaints = 🦶 Molestias
settings-button-equipment = 🧰 Material
settings-button-length = ⏱ Duración
settings-button-safety = 🩺 Seguridad
settings-button-summary = 📬 Resumen semanal
settings-button-language = 🗣 Idioma
saved = Guardado.
settings-overview =
    <b>Tu configuración</b>
    Recordatorio: { $time } ({ $zone }), { $days }
    Estado: { $state }
    Enfoque: { $complaints }
    Material: { $equipment }
    Duración de la sesión: { $minutes } minutos
    Notas de seguridad: { $flags }
    Resumen semanal: { $summary }
    Idioma: { language-name }

    Toca lo que quieras cambiar.
settings-focus-none = salud general de los pies
settings-equipment-none = no hace falta
settings-flags-none = ninguna

## /language

language-question = <b>¿En qué idioma quieres que te hable?</b>
language-changed = Hecho: a partir de ahora te hablo en español.

## /pause, /resume, /stop

pause-question = <b>¿Pausar los recordatorios?</b> Elige cuánto tiempo. Los días en pausa nunca rompen tu racha. Usa «Lesión o viaje» si tus pies necesitan descanso o estás de viaje: los recordatorios quedan apagados hasta que uses /resume.
pause-option-1 = 1 día
pause-option-3 = 3 días
pause-option-7 = 1 semana
pause-option-14 = 2 semanas
pause-option-open = Hasta que vuelva
pause-option-frozen = 🩹 Lesión o viaje
pause-need-subscription = No hay recordatorios que pausar. /start los configura.
resume-not-paused = Tus recordatorios ya están activos. El próximo: { $next }.
stop-reminders-question = ¿Dejar de recibir recordatorios diarios? Tu historial se guarda, y /start los vuelve a activar.
stop-yes = Sí, dejar de recibirlos
stop-no = No, mantenerlos
stop-kept = Bien: tus recordatorios siguen activos.
reminders-stopped = Recordatorios detenidos. Cuando quieras recuperarlos, envía /start.
already-stopped = Tus recordatorios ya están apagados. /start los vuelve a activar.
not-subscribed = Aún no tienes recordatorios. /start los configura.
pause-keeps-streak = Mientras tanto, tu racha está a salvo.
time-not-set = sin definir
no-next-reminder = -
status-stopped = detenidos
status-held = en espera hasta que te revisen el pie
status-paused-open = en pausa hasta que uses /resume
status-on = activos
status-paused-until = en pausa hasta el { $date }
status-on-next = activos, el próximo el { $date }
minutes-label = { $minutes } min
day-and-time = { $day }, { $time }
paused-until = En pausa hasta el { $date }. { pause-keeps-streak } Envía /resume para volver antes.
paused-open = Recordatorios en pausa hasta que envíes /resume. { pause-keeps-streak }
paused-open-injured = Recordatorios en pausa hasta que envíes /resume. { pause-keeps-streak } Deja descansar tus pies y cuídate.
resumed = ¡Hola de nuevo! Los recordatorios vuelven a estar activos. El próximo: { $next }.
subscribed-again = ¡Hola de nuevo! Tus recordatorios vuelven a estar activos. El próximo: { $next }.

## Recordatorios diarios

reminder-start-button = ▶️ Empezar la rutina de hoy
reminder-snooze-button = ⏰ Posponer 1 h
snooze-q = 15 min
snooze-h = 1 h
snooze-t = 3 h
snooze-e = Esta tarde
snooze-button = { $choice ->
    [q] ⏰ Posponer 15 min
    [h] ⏰ Posponer 1 h
    [t] ⏰ Posponer 3 h
   *[e] ⏰ Posponer a la tarde
}
reminder-evening-passed = Ya casi es de noche: elige un aplazamiento más corto o empieza ahora.
reminder-skip-button = Saltar hoy
reminder-skipped = Saltado por hoy. Nos vemos mañana.
reminder-not-yours = Este recordatorio es de otra persona.
reminder-old-day = Este recordatorio es de otro día. El siguiente llegará a la hora de siempre.
reminder-answered = Ya respondiste a este recordatorio. /today abre la rutina de hoy.
reminder-too-late = Ya es tarde para posponer: el día acaba antes. ¡Hasta mañana!
reminder = { $part ->
    [morning] Buenos días
    [afternoon] Buenas tardes
    [evening] Buenas tardes
   *[night] Hola
}, { $name }. Tu rutina de pies del { $day } está lista.
reminder-again = ⏰ ¡Aquí estoy otra vez, { $name }! Tu rutina de pies del { $day } te espera.
reminder-snoozed = ⏰ Pospuesto hasta las { $until }. Te lo recordaré entonces.
reminder-started = ▶️ Aquí abajo tienes la rutina de hoy. ¡Vamos!

## La rutina diaria

skip-exercise-button = Saltar ejercicio
skip-one-button = ⏭ Saltar
skip-this-step-button = Este paso
skip-whole-button = Todo el ejercicio
skip-choice-question = <b>{ $name }</b>: ¿saltar este paso o todo el ejercicio?
done-fine-button = ✅ Hecho, sin molestias
skip-reason-hurts = Me duele
skip-reason-no_time = No tengo tiempo
skip-reason-no_equipment = No tengo material
skip-reason-too_hard = Demasiado difícil
skip-question = <b>{ $name }</b>: ¿por qué lo saltas? Así ajusto tu rutina.
stop-question = <b>{ $name }</b>: ¿por qué paras? Así ajusto lo que viene.
routine-ended = Esa rutina ya terminó. Toca /today para la de hoy.
routine-nothing-suitable = Hoy no encontré un ejercicio que encaje con tus respuestas. Revisa /settings o pregunta a un médico o fisioterapeuta qué ejercicios te convienen.
routine-overview = 📋 <b>Hoy:</b> { $names } · unos { $minutes } min
routine-already-done = La rutina de hoy está hecha ✅. ¡Muy bien! Hasta mañana.
routine-continue = Sigamos donde lo dejaste.
routine-stopped-today = Paraste la rutina de hoy. Descansa y mira mañana cómo están tus pies.
severe-stop =
    ⚠️ { $score }/10 es demasiado. Para por hoy y no fuerces con dolor. Si es agudo, dura más de uno o dos días o viene con hinchazón, enrojecimiento, calor, entumecimiento u hormigueo, consulta a un médico o fisioterapeuta antes de seguir. Dejaré este ejercicio fuera al menos dos días.

    Puedes pausar los recordatorios mientras tus pies se recuperan.
pause-offer-button = 🩹 Pausar recordatorios
variant-note = Versión sin material
level-change-three_easy = { $name } sube a { $level }: tres sesiones fáciles en tres días distintos.
level-change-discomfort_high = { $name } baja a { $level }: la última vez resultó molesto.
level-change-discomfort_moderate_at_lowest = { $name } sigue en { $level }: la última vez resultó molesto, así que espera antes de subir.
level-change-discomfort_severe = { $name } descansa { $days ->
    [one] { $days } día
   *[other] { $days } días
}: la última vez dolió mucho. Volverá en { $level }.
level-change-skipped_hurts = { $name } baja a { $level }: la última vez lo saltaste porque dolía.
level-change-skipped_hurts_at_lowest = { $name } descansa { $days ->
    [one] { $days } día
   *[other] { $days } días
}: la última vez lo saltaste porque dolía.
level-change-skipped_too_hard = { $name } baja a { $level }: la última vez te resultó demasiado difícil.
routine-heading = Ejercicio { $number } de { $total }
level-note = Nivel: { $level }
after-skipped = { $name }: saltado.
after-done = { $name }: hecho, molestia { $score }/10. { $short ->
    [none] Suave y tranquilo.
    [fine] Un poco de esfuerzo está bien.
    [moderate] La próxima vez será un paso más fácil.
   *[severe] Con calma: para si se vuelve agudo.
}
routine-summary =
    <b>La rutina de hoy está completa.</b>
    Hechos: { $done } · Saltados: { $skipped }
    Racha: { $streak } 🔥

    Pasos pequeños y constantes es lo que más ayuda a los pies. ¡Hasta mañana!

## /progress, resumen semanal, /export, /forget

progress-empty = Aún no hay nada anotado. Cuando termines tu primer ejercicio, /progress te mostrará tu racha, tu constancia y cómo evolucionan tus pies. Toca /exercises para empezar.
no-scheduled-days = aún no hay días programados
percent = { $percent } %
streak-days = { $days ->
    [one] { $days } día
   *[other] { $days } días
}
trend-better = mejorando
trend-steady = estable
trend-worse = más molestias últimamente
trend-unknown = aún es pronto para saberlo
exercise-trend = • <b>{ $name }</b>: { $times ->
    [one] una vez
   *[other] { $times } veces
}, { $rated }, { $trend }
average-none = sin valoraciones
average-zero = sin molestias
average-discomfort = molestia media { $average }/10
progress-title = <b>Tu progreso</b>
progress-streak = 🔥 Racha: { $streak } (los días en pausa no la rompen)
progress-since-start = Desde que empezaste: { $share } de tus días programados
progress-last-7 = Últimos 7 días: { $share } de tus días programados
progress-last-30 = Últimos 30 días: { $share } de tus días programados
progress-exercises-30 = Ejercicios de los últimos 30 días
progress-exercises-so-far = Ejercicios hasta ahora
chart-title = { $days ->
    [1] Hoy
    [one] Último { $days } día
   *[other] Últimos { $days } días
}
chart-completed = Ejercicios hechos
chart-discomfort = Molestia media (0-10)
chart-caption = Barras: ejercicios hechos cada día. Línea: molestia media.
summary-question =
    <b>Resumen semanal</b>
    ¿Qué tarde quieres recibir un breve repaso de tu semana? Llega a las 19:00, hora local.
summary-off = No
summary-setting-off = desactivado
summary-setting = { $day ->
    [5] los sábados
    [6] los domingos
   *[other] los { $weekday }
}
weekly-summary =
    📬 <b>Tu semana, { $name }</b>
    Practicaste { $days ->
        [one] { $days } día
       *[other] { $days } días
    } de los últimos 7.
    🔥 Racha: { $streak }
    Días programados cumplidos: { $share }

    { $closing ->
        [steady] Es un ritmo constante. Sigue así, con suavidad.
        [counts] Cada sesión cuenta. Unos minutos casi todos los días es lo que suma.
       *[fresh] Una semana nueva es un buen comienzo: incluso una sesión corta ayuda a tus pies.
    }
    /progress muestra los detalles.
export-empty = Aún no hay historial que exportar. Cuando hayas hecho un ejercicio, /export te lo envía como hoja de cálculo.
export-caption = Tu historial de ejercicios en un archivo CSV (se abre con cualquier hoja de cálculo). Las horas están en { $zone }; la molestia va de 0 (nada) a 10 (la peor).
export-header-date = Fecha
export-header-start = Hora de inicio
export-header-exercise = Ejercicio
export-header-level = Nivel
export-header-variant = Variante
export-header-status = Estado
export-header-discomfort = Molestia (0-10)
export-header-skip-reason = Motivo para saltar
export-status-completed = hecho
export-status-stopped = detenido
export-status-skipped = saltado
export-status-active = sin terminar
export-status-rating = sin valorar
export-variant-standard = estándar
export-variant-without_equipment = sin material
forget-question =
    <b>¿Borrar todo lo que sé de ti?</b>
    Tu configuración, recordatorios, rutinas e historial desaparecerán para siempre. Si quieres una copia, toca /export antes.
forget-yes = Sí, borrar todo
forget-no = No, guardarlo
forget-kept = No se ha borrado nada.
forgotten = Hecho: he borrado todo lo que sabía de ti. Si envías /start, empezamos de cero.

## La comprobación de seguridad

and-list-last = { $head } y { $last }
safety-modified = Gracias por contármelo. Por lo que me cuentas ({ $because }), he adaptado tu rutina: quedan fuera los ejercicios y las versiones más exigentes que no te convienen.
safety-go-ahead = Gracias. Nada de la lista: puedes usar el programa completo.
safety-check-done = Tus respuestas de seguridad están guardadas. /today abre la rutina de hoy.
safety-seated = Cuando se pueda elegir, primero van los ejercicios sentado.
safety-lowest = Cada ejercicio se queda en su nivel más fácil, y ninguno sube hasta que esto mejore.
safety-foot-check = 🦶 Revisa ambos pies cada día por si hay cortes, ampollas, zonas rojas o hinchazón; usa un espejo para las plantas si te ayuda.
safety-get-checked = 🩺 El dolor por la noche o en reposo merece que lo vea un médico o fisioterapeuta; cuéntales si cambia.
safety-keep-gentle = Haz cada ejercicio con suavidad y para ante cualquier dolor agudo.
safety-first-check = Antes de tu rutina, una comprobación rápida de seguridad: decide lo que te propongo.
safety-recheck = Han pasado unos días desde tu comprobación de seguridad. ¿Te han revisado el pie? Toca lo que siga pasando, o «Ninguna» si ya está bien.
safety-words-heard = Eso suena a algo que conviene revisar antes de hacer ejercicio. Repasemos la comprobación de seguridad: toca lo que te pase ahora.
safety-left-out = Fuera de tu rutina: { $names }.
safety-hold =
    Por lo que me cuentas ({ $because }), pide a un médico, enfermero o fisioterapeuta que te revise el pie antes de empezar estos ejercicios.

    Hasta entonces no te enviaré recordatorios ni rutinas, y puedes seguir consultando cualquier ejercicio. Cuando te lo hayan revisado y te digan que está bien, toca el botón de abajo.
hold-cleared-button = ✅ Ya me revisaron, está bien
hold-later-button = 🔁 Pregúntame en unos días
hold-cleared = Me alegra que te lo hayan revisado. Tu rutina vuelve a estar activa.
hold-cleared-setup = Me alegra que te lo hayan revisado. Terminemos la configuración.
hold-not-held = No hay nada en espera.
hold-later = De acuerdo. Te volveré a preguntar el { $day }. Mientras tanto, puedes buscar cualquier ejercicio por su nombre.
card-held = ⚠️ <b>Primero:</b> por lo que me cuentas ({ $because }), que te revisen el pie antes de probar esto.
card-left-out = 🚫 No está en tu rutina, por lo que me cuentas ({ $because }).
card-rung-out = 🚫 La versión «{ $level }» no está en tu rutina, por lo que me cuentas ({ $because }).

## Comandos del operador (/admin): solo para ADMIN_IDS, nunca en el menú ni en /help

admin-usage =
    Comandos del operador:
    /admin - las cifras
    /admin broadcast - escribir un mensaje a cada suscriptor activo
    /admin broadcast <i>texto</i> - lo mismo, con el texto ya escrito
admin-broadcast-ask = Envíame como próximo mensaje el texto para todos los suscriptores activos. Verás una vista previa antes de que salga nada.
admin-broadcast-send = Enviar a todos
admin-cancel = Cancelar
admin-broadcast-cancelled = Envío cancelado. No se mandó nada.
admin-broadcast-too-long = Ese mensaje es demasiado largo para un solo mensaje de Telegram. Acórtalo y vuelve a empezar con /admin broadcast.
admin-figure-subscribers = Suscriptores
admin-figure-subscribers-definition = Activos: suscripción encendida, sin pausa con fecha, bot no bloqueado (reciben los envíos). En pausa: /pause. Parados: /stop. Bloqueado: Telegram dio 403; /start lo deshace.
admin-figure-today = Recordatorios de hoy
admin-figure-today-definition = Recordatorios diarios de la fecha UTC de hoy: los ya tomados más los que faltan hoy. Enviados: los que Telegram aceptó. Los aplazados no cuentan.
admin-figure-late = Con retraso, 24 h
admin-figure-late-definition = Recordatorios (diarios y aplazados) enviados en las últimas 24 horas más de 5 minutos tarde: el bot estaba caído u ocupado.
admin-figure-failed = Fallidos, 24 h
admin-figure-failed-definition = Recordatorios de las últimas 24 horas que Telegram rechazó o que agotaron el tiempo, incluidos quienes bloquearon el bot. No se reintentan.
admin-figure-routines = Rutinas terminadas, 7 días
admin-figure-routines-definition = Rutinas diarias completadas hasta el último ejercicio en los últimos 7 días. No cuentan las que se pararon antes (por ejemplo, por dolor).
admin-figure-discomfort = Tendencia de la molestia
admin-figure-discomfort-definition = Mediana (0 a 10) de los ejercicios terminados en los últimos 7 días y luego de los 7 días anteriores. Más bajo es más fácil. Un guion: sin valoraciones esa semana.
admin-figure-parked = Actualizaciones apartadas
admin-figure-parked-definition = Mensajes y pulsaciones que el bot dejó de lado tras errores repetidos o que no pudo leer. Lo explica la documentación de operación.
admin-overview-title = <b>FootBot, ahora mismo</b>
admin-overview-subscribers = { $active } activos, { $paused } en pausa, { $stopped } parados, { $blocked } bloqueados
admin-overview-today = { $sent } enviados de { $due } previstos
admin-overview-discomfort = { $now } (la semana anterior: { $before })
admin-overview-tap = Toca una cifra para ver su definición.
broadcast-preview = <b>Vista previa.</b> Esto llega a { $recipients ->
    [one] { $recipients } suscriptor activo
   *[other] { $recipients } suscriptores activos
} (se vuelve a contar al enviar):
broadcast-progress = Enviando el mensaje: { $done } de { $recipients } hechos.
broadcast-finished = Envío terminado: { $sent } enviados, { $blocked } bloquearon el bot, { $failed } fallidos.
broadcast-skipped = { $skipped } quedaron fuera antes de su turno (pararon o bloquearon el bot mientras tanto).
