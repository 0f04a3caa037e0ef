# FootBot, português do Brasil.

language-name = Português (Brasil)
bot-description = Exercícios curtos para os pés, todo dia, passo a passo.

## Menu de comandos e /help

command-start = Configurar ou ligar seu lembrete diário
command-exercises = Todos os exercícios
command-exercise = Buscar um exercício pelo nome, ex.: /exercise elevação de calcanhar
command-today = Começar ou continuar a rotina de hoje
command-settings = Mudar horário, dias e preferências
command-pause = Dar uma pausa nos lembretes
command-resume = Religar os lembretes depois de uma pausa
command-stop = Parar os lembretes diários
command-progress = Sua sequência, sua regularidade e como estão seus pés
command-export = Seu histórico em arquivo CSV, por exemplo para seu fisioterapeuta
command-forget = Apagar tudo o que sei sobre você
command-language = Mudar o idioma em que eu falo
command-help = O que eu sei fazer

safety-line = Um esforço leve é normal; dor aguda ou que vai aumentando é sinal para parar. Isto é uma orientação geral, não um diagnóstico.
welcome =
    Olá, { $name }! Eu acompanho você em exercícios curtos para os pés que podem aliviar queixas comuns, como dor no calcanhar, joanete, dedos em martelo e arco do pé cansado.

    Digite o nome de um exercício (por exemplo <i>elevação de calcanhar</i> ou <i>massagem com bolinha</i>) ou toque em /exercises para ver todos. Vou guiar você passo a passo em cada um.

    { safety-line }
help-title = <b>O que eu sei fazer</b>
help-tail = Você também pode só digitar o nome de um exercício, como <i>flexão dos dedos</i>. Em qualquer conversa, digite meu nome de usuário e um exercício para compartilhar a ficha dele.

exercise-usage = Diga qual exercício, por exemplo: <code>/exercise elevação de calcanhar</code>. Ou toque em /exercises para escolher na lista.
all-exercises =
    <b>Exercícios</b>
    Toque em um para ver como é.
choices = Encontrei alguns que podem servir. Qual deles você quis dizer?
unknown-command = Não conheço esse comando. Toque em /help para ver o que eu sei fazer.
group-pointer = Funciono melhor numa conversa privada: abra uma conversa comigo para começar sua rotina para os pés.
sorry = Desculpe, algo deu errado do meu lado. Tente de novo daqui a pouco.
non-text = Por enquanto só leio texto. Digite o nome de um exercício ou toque em /exercises.

## Respostas a botões

button-unknown = Este botão não funciona mais. Toque em /exercises para recomeçar.
button-stale = Essa tela já mudou; use os botões da mensagem mais recente.
button-not-yours = Este exercício é de outra pessoa. Toque em /exercises para começar o seu.
button-ended = Este exercício já terminou. Toque em /exercises para começar outro.
button-first-step = Você já está no primeiro passo.
exercise-gone = Não encontro mais esse exercício. Toque em /exercises para ver a lista atual.
timer-started = Cronômetro iniciado.
recorded = Salvo.

## Botões do exercício

start-button = ▶️ Começar
next-button = Próximo ➡️
done-button = ✅ Feito
back-button = ⬅️ Voltar
skip-button = Pular passo
stop-button = ⏹ Parar
again-button = 🔁 Fazer de novo
hold-now-button = ▶️ Começar agora
timer-button = ⏱ Cronômetro { $duration }
skip-rest-button = ⏭ Pular descanso
start-set-button = ▶️ Começar série { $number }
rating-none = 0 · nada

duration-seconds = { $seconds } s
duration-minutes = { $minutes } min

not-found = Não conheço nenhum exercício chamado “{ $query }”. Toque em /exercises para ver todos ou tente outro nome.

## A ficha do exercício

card-helps-with = <b>Ajuda com:</b> { $targets }
card-you-need = <b>Você precisa de:</b> { $equipment }
card-steps-dose = <b>Passos:</b> { $steps } · <b>Dose:</b> { $dose }
card-take-care = <b>Cuidados</b>

dose-sets-reps = { $sets } × { $reps }
dose-reps = { $reps ->
    [one] { $reps } repetição
   *[other] { $reps } repetições
}
dose-sets = { $sets ->
    [one] { $sets } série
   *[other] { $sets } séries
}
dose-hold = segurar { $duration }
dose-minutes = { $minutes } min
dose-own-pace = no seu ritmo
dose-per-side = { $dose } de cada lado
dose-with-rest = { $dose }, { $rest } de descanso entre as séries

## Passos, séries, lados e cronômetros

side-right = Pé direito
side-left = Pé esquerdo
set-line = Série { $number } de { $count }
step-title = <b>{ $name }</b> · passo { $number } de { $count }
step-times = { $reps ->
    [one] uma vez
   *[other] { $reps } vezes
}
step-hold = segurar { $duration }
step-each-side = { $detail } de cada lado
at-your-level = 🎚 No seu nível: { $level }
hold-finished = ✅ Pronto, tempo cumprido.
rest-done = ⏸ Fim do descanso.
time-up-rest = ⏱ <b>Fim do descanso.</b> Vamos para a próxima série.
time-up = ⏱ <b>Tempo!</b> { $duration } feitos.
time-up-next-side = ⏱ <b>Tempo!</b> { $duration } feitos. Agora o { $side ->
    [left] pé esquerdo
   *[right] pé direito
}.
time-up-next-set = ⏱ <b>Tempo!</b> { $duration } feitos. Agora: { $where }.
get-into-position = ⏱ Fique em posição: os { $hold } começam a contar daqui a { $wait }. Eu aviso quando terminar.
rate-on-last-step = Terminou? Toque em quanto desconforto sentiu (1-10), ou em ✅ se não sentiu nenhum.
holding-left = ⏱ Segurando… faltam { $duration }.
holding-for = ⏱ Segure por { $duration }… eu aviso quando terminar.
rest-title = <b>{ $name }</b> · série { $number } de { $count } feita
rest-ready = Tudo pronto para a série { $number } de { $count }? Toque em Começar.
rest-left = ⏸ Descanso… faltam { $duration } para a série { $number }.
rest-for = ⏸ Descanse { $duration }: solte os pés e respire. Eu aviso quando for a hora da série { $number }.

## Avaliar o desconforto

rating-question =
    <b>{ $name }</b>: muito bem!

    Quanto desconforto você sentiu, de 0 (nenhum) a 10 (o pior)?
    { rating-bands }
rating-bands = 0-3 tranquilo: conta para o próximo nível · 4-6 moderado: vou pegar mais leve · 7-10 forte: paramos por hoje
no-discomfort-reply = Sem desconforto. Com calma e constância: conta como uma sessão leve.
rating-reply-fine = Um desconforto leve é comum enquanto os pés se acostumam. Vá com suavidade: conta como uma sessão leve.
rating-reply-moderate = Desconforto moderado: da próxima vez este exercício vem um passo mais fácil (ou fica como está, se já for o mais fácil), e eu explico por quê. Descanse se o incômodo continuar.
rating-reply-severe =
    ⚠️ É bastante desconforto. Pare por hoje e não force com dor. Vou deixar este exercício de fora por pelo menos dois dias. Se a dor for aguda, durar mais de um ou dois dias, vier com inchaço, vermelhidão, calor, dormência ou formigamento, ou acordar você à noite, procure um médico ou fisioterapeuta antes de continuar.

    Você pode pausar os lembretes enquanto seus pés se recuperam.
hurts-advice = 🩹 Dor é sinal para aliviar, não para insistir: descanse hoje. Da próxima vez ele vem um passo mais fácil ou descansa alguns dias. Se a dor for aguda, durar mais de um ou dois dias ou vier com inchaço, procure um médico ou fisioterapeuta.
rating-recorded = <b>{ $name }</b>: desconforto registrado { $score }/10.
stopped-hurts = <b>{ $name }</b>: interrompido.
stopped = <b>{ $name }</b>: interrompido. Tudo bem: escute seus pés. Você pode recomeçar quando quiser.

## Primeiros passos

onboarding-intro = Vamos configurar seu lembrete diário. Leva um minuto, e depois dá para mudar tudo com /settings.
onboarding-resume = Que bom ver você de novo! Vamos terminar a configuração de onde paramos.
safety-question =
    <b>Primeiro, uma checagem rápida de segurança.</b>
    Alguma destas situações vale para você? Toque em todas que valerem e depois em Continuar.
safety-none = Nenhuma destas
continue = Continuar ➡️
complaints-question =
    <b>O que incomoda seus pés?</b>
    Toque em tudo o que valer e depois em Continuar. Não tem certeza? Toque em Continuar.
equipment-question =
    <b>O que você tem em casa?</b>
    Toque no que você tem e depois em Continuar. Muitos exercícios só precisam do chão e de uma cadeira.
equipment-none = Nada disso
length-question = <b>Quanto tempo deve durar a sessão diária?</b>
time-question =
    <b>Que horas você quer o lembrete?</b>
    Toque num horário ou digite um, como <code>7:30</code> ou <code>19:45</code>.
time-not-understood = Não entendi esse horário. Digite como <code>7:30</code> ou <code>19:45</code>, ou toque num dos horários acima.
zone-question =
    <b>Onde você está?</b> Preciso do seu fuso horário para lembrar você na hora certa.
    • toque em <b>📍 Enviar localização</b> abaixo (uso só para saber seu fuso), ou
    • digite uma cidade ou fuso, como <code>São Paulo</code>, <code>Manaus</code> ou <code>America/Recife</code>, ou
    • escolha uma diferença em relação ao UTC.
share-location = 📍 Enviar localização
pick-offset = Escolher diferença do UTC
offset-question = <b>Escolha sua diferença do UTC</b> (sua hora local menos UTC, em horas):
zone-not-found = Não encontrei um fuso horário para “{ $text }”. Tente uma cidade maior por perto, um nome de fuso como <code>America/Sao_Paulo</code> ou uma diferença como <code>UTC-3</code>.
zone-choices = Qual deles você quer dizer?
zone-from-location-failed = Não encontrei um fuso horário para esse lugar. Digite o nome de uma cidade.
zone-confirm-yes = ✅ Sim, está certo
zone-confirm-no = Não, mudar
zone-confirm = Sua hora local é <b>{ $time }</b>, { $weekday }, em { $zone }. Está certo?
days-question = <b>Quais dias?</b>
every-day = Todos os dias
choose-days = Escolher dias
days-pick = <b>Toque nos dias em que quer lembrete</b> e depois em Continuar.
days-need-one = Escolha pelo menos um dia.
days-every-day = todos os dias
days-weekdays = de segunda a sexta
days-some = em: { $days }
location-outside-setup = Obrigado! Só uso a localização para definir seu fuso horário: abra /settings para mudá-lo.
start-now-button = ▶️ Começar a rotina agora
all-set =
    <b>Tudo pronto!</b> Vou lembrar você às <b>{ $time }</b> ({ $zone }), { $days }.
    Primeiro lembrete: { $first }.

    Mude o que quiser com /settings, faça uma pausa com /pause ou pare com /stop. Enquanto isso, digite o nome de um exercício para experimentar.

## /settings

settings-need-setup = Você ainda não configurou os lembretes. Vamos fazer isso agora.
settings-button-time = ⏰ Horário
settings-button-zone = 🌍 Fuso horário
settings-button-days = 📅 Dias
settings-button-complaints = 🦶 Queixas
settings-button-equipment = 🧰 Materiais
settings-button-length = ⏱ Duração
settings-button-safety = 🩺 Segurança
settings-button-summary = 📬 Resumo semanal
settings-button-language = 🗣 Idioma
saved = Salvo.
settings-overview =
    <b>Suas configurações</b>
    Lembrete: { $time } ({ $zone }), { $days }
    Situação: { $state }
    Foco: { $complaints }
    Materiais: { $equipment }
    Duração da sessão: { $minutes } minutos
    Observações de segurança: { $flags }
    Resumo semanal: { $summary }
    Idioma: { language-name }

    Toque no que quer mudar.
settings-focus-none = saúde geral dos pés
settings-equipment-none = nenhum necessário
settings-flags-none = nenhuma

## /language

language-question = <b>Em que idioma você quer que eu fale?</b>
language-changed = Pronto: a partir de agora falo em português.

## /pause, /resume, /stop

pause-question = <b>Pausar os lembretes?</b> Escolha por quanto tempo. Dias em pausa nunca quebram sua sequência. Use “Lesão ou viagem” se seus pés precisam de descanso ou você está viajando: os lembretes ficam desligados até você usar /resume.
pause-option-1 = 1 dia
pause-option-3 = 3 dias
pause-option-7 = 1 semana
pause-option-14 = 2 semanas
pause-option-open = Até eu voltar
pause-option-frozen = 🩹 Lesão ou viagem
pause-need-subscription = Não há lembretes para pausar. /start configura.
resume-not-paused = Seus lembretes já estão ligados. O próximo: { $next }.
stop-reminders-question = Parar os lembretes diários? Seu histórico fica guardado, e /start liga tudo de novo.
stop-yes = Sim, parar os lembretes
stop-no = Não, manter
stop-kept = Ótimo: seus lembretes continuam ligados.
reminders-stopped = Lembretes parados. Quando quiser de volta, envie /start.
already-stopped = Seus lembretes já estão desligados. /start liga de novo.
not-subscribed = Você ainda não tem lembretes. /start configura.
pause-keeps-streak = Enquanto isso, sua sequência fica guardada.
time-not-set = não definido
no-next-reminder = -
status-stopped = parados
status-held = em espera até seu pé ser avaliado
status-paused-open = em pausa até você usar /resume
status-on = ligados
status-paused-until = em pausa até { $date }
status-on-next = ligados, o próximo: { $date }
minutes-label = { $minutes } min
day-and-time = { $day }, { $time }
paused-until = Em pausa até { $date }. { pause-keeps-streak } Envie /resume para voltar antes.
paused-open = Lembretes em pausa até você enviar /resume. { pause-keeps-streak }
paused-open-injured = Lembretes em pausa até você enviar /resume. { pause-keeps-streak } Deixe seus pés descansarem e cuide-se.
resumed = Que bom ver você de novo! Os lembretes estão ligados outra vez. O próximo: { $next }.
subscribed-again = Que bom ver você de novo! Seus lembretes estão ligados outra vez. O próximo: { $next }.

## Lembretes diários

reminder-start-button = ▶️ Começar a rotina de hoje
reminder-snooze-button = ⏰ Adiar 1 h
snooze-q = 15 min
snooze-h = 1 h
snooze-t = 3 h
snooze-e = Hoje à noite
snooze-button = { $choice ->
    [q] ⏰ Adiar 15 min
    [h] ⏰ Adiar 1 h
    [t] ⏰ Adiar 3 h
   *[e] ⏰ Adiar para a noite
}
reminder-evening-passed = A noite já está chegando: escolha um adiamento menor ou comece agora.
reminder-skip-button = Pular hoje
reminder-skipped = Pulado por hoje. Até amanhã.
reminder-not-yours = Este lembrete é de outra pessoa.
reminder-old-day = Este lembrete é de um dia anterior. O próximo chega no horário de sempre.
reminder-answered = Você já respondeu a este lembrete. /today abre a rotina de hoje.
reminder-too-late = Já é tarde para adiar: o dia acaba antes disso. Até amanhã!
reminder = { $part ->
    [morning] Bom dia
    [afternoon] Boa tarde
    [evening] Boa noite
   *[night] Olá
}, { $name }! Sua rotina para os pés de { $day } está pronta.
reminder-again = ⏰ Olha eu aqui de novo, { $name }! Sua rotina para os pés de { $day } ainda está esperando.
reminder-snoozed = ⏰ Adiado até { $until }. Aviso você de novo nessa hora.
reminder-started = ▶️ A rotina de hoje está logo abaixo. Vamos lá!

## A rotina diária

skip-exercise-button = Pular exercício
skip-one-button = ⏭ Pular
skip-this-step-button = Este passo
skip-whole-button = O exercício inteiro
skip-choice-question = <b>{ $name }</b>: pular este passo ou o exercício inteiro?
done-fine-button = ✅ Feito, sem desconforto
skip-reason-hurts = Dói
skip-reason-no_time = Sem tempo
skip-reason-no_equipment = Sem material
skip-reason-too_hard = Difícil demais
skip-question = <b>{ $name }</b>: por que pular? Isso me ajuda a ajustar sua rotina.
stop-question = <b>{ $name }</b>: por que parar? Isso me ajuda a ajustar o que vem depois.
routine-ended = Essa rotina já terminou. Toque em /today para a de hoje.
routine-nothing-suitable = Hoje não encontrei um exercício que combine com suas respostas. Confira /settings ou pergunte a um médico ou fisioterapeuta quais exercícios são indicados para você.
routine-overview = 📋 <b>Hoje:</b> { $names } · cerca de { $minutes } min
routine-already-done = A rotina de hoje está feita ✅. Muito bem! Até amanhã.
routine-continue = Vamos continuar de onde você parou.
routine-stopped-today = Você parou a rotina de hoje. Descanse hoje e veja amanhã como seus pés estão.
severe-stop =
    ⚠️ { $score }/10 é demais. Pare por hoje e não force com dor. Se for aguda, durar mais de um ou dois dias ou vier com inchaço, vermelhidão, calor, dormência ou formigamento, procure um médico ou fisioterapeuta antes de continuar. Vou deixar este exercício de fora por pelo menos dois dias.

    Você pode pausar os lembretes enquanto seus pés se recuperam.
pause-offer-button = 🩹 Pausar lembretes
variant-note = Versão sem material
level-change-three_easy = { $name } sobe para { $level }: três sessões leves em três dias diferentes.
level-change-discomfort_high = { $name } volta para { $level }: da última vez incomodou.
level-change-discomfort_moderate_at_lowest = { $name } fica em { $level }: da última vez incomodou, então espera antes de subir.
level-change-discomfort_severe = { $name } descansa { $days ->
    [one] { $days } dia
   *[other] { $days } dias
}: da última vez doeu bastante. Volta em { $level }.
level-change-skipped_hurts = { $name } volta para { $level }: da última vez você pulou porque doía.
level-change-skipped_hurts_at_lowest = { $name } descansa { $days ->
    [one] { $days } dia
   *[other] { $days } dias
}: da última vez você pulou porque doía.
level-change-skipped_too_hard = { $name } volta para { $level }: da última vez ficou difícil demais.
routine-heading = Exercício { $number } de { $total }
level-note = Nível: { $level }
after-skipped = { $name }: pulado.
after-done = { $name }: feito, desconforto { $score }/10. { $short ->
    [none] Leve e tranquilo.
    [fine] Um pouco de esforço é normal.
    [moderate] Da próxima vez vem um passo mais fácil.
   *[severe] Vá com calma: pare se ficar agudo.
}
routine-summary =
    <b>A rotina de hoje está completa.</b>
    Feitos: { $done } · Pulados: { $skipped }
    Sequência: { $streak } 🔥

    Passos pequenos e constantes são o que mais ajuda os pés. Até amanhã!

## /progress, resumo semanal, /export, /forget

progress-empty = Nada registrado ainda. Quando você terminar o primeiro exercício, /progress mostra sua sequência, sua regularidade e como seus pés se sentem ao longo do tempo. Toque em /exercises para começar.
no-scheduled-days = ainda sem dias programados
percent = { $percent }%
streak-days = { $days ->
    [0] { $days } dias
    [one] { $days } dia
   *[other] { $days } dias
}
trend-better = melhorando
trend-steady = estável
trend-worse = mais desconforto ultimamente
trend-unknown = ainda é cedo para dizer
exercise-trend = • <b>{ $name }</b>: { $times ->
    [one] uma vez
   *[other] { $times } vezes
}, { $rated }, { $trend }
average-none = sem avaliações
average-zero = sem desconforto
average-discomfort = desconforto médio { $average }/10
progress-title = <b>Seu progresso</b>
progress-streak = 🔥 Sequência: { $streak } (dias em pausa não a quebram)
progress-since-start = Desde o início: { $share } dos seus dias programados
progress-last-7 = Últimos 7 dias: { $share } dos seus dias programados
progress-last-30 = Últimos 30 dias: { $share } dos seus dias programados
progress-exercises-30 = Exercícios nos últimos 30 dias
progress-exercises-so-far = Exercícios até agora
chart-title = { $days ->
    [1] Hoje
    [one] Último { $days } dia
   *[other] Últimos { $days } dias
}
chart-completed = Exercícios feitos
chart-discomfort = Desconforto médio (0-10)
chart-caption = Barras: exercícios feitos por dia. Linha: desconforto médio.
summary-question =
    <b>Resumo semanal</b>
    Em que noite você quer receber um resumo curto da sua semana? Ele chega às 19:00 no seu horário.
summary-off = Não
summary-setting-off = desligado
summary-setting = { $day ->
    [5] aos sábados
   *[6] aos domingos
    [0] às segundas
    [1] às terças
    [2] às quartas
    [3] às quintas
    [4] às sextas
}
weekly-summary =
    📬 <b>Sua semana, { $name }</b>
    Você praticou em { $days ->
        [0] { $days } dias
        [one] { $days } dia
       *[other] { $days } dias
    } dos últimos 7.
    🔥 Sequência: { $streak }
    Dias programados cumpridos: { $share }

    { $closing ->
        [steady] É um ritmo constante. Continue assim, com suavidade.
        [counts] Cada sessão conta. Alguns minutos na maioria dos dias é o que faz diferença.
       *[fresh] Uma semana nova é um novo começo: até uma sessão curta ajuda seus pés.
    }
    /progress mostra os detalhes.
export-empty = Ainda não há histórico para exportar. Depois que você fizer um exercício, /export envia tudo como planilha.
export-caption = Seu histórico de exercícios em arquivo CSV (abre em qualquer planilha). Os horários estão em { $zone }; o desconforto vai de 0 (nenhum) a 10 (o pior).
export-header-date = Data
export-header-start = Hora de início
export-header-exercise = Exercício
export-header-level = Nível
export-header-variant = Variante
export-header-status = Situação
export-header-discomfort = Desconforto (0-10)
export-header-skip-reason = Motivo do pulo
export-status-completed = feito
export-status-stopped = interrompido
export-status-skipped = pulado
export-status-active = não terminado
export-status-rating = sem avaliação
export-variant-standard = padrão
export-variant-without_equipment = sem material
forget-question =
    <b>Apagar tudo o que sei sobre você?</b>
    Suas configurações, lembretes, rotinas e histórico de exercícios vão sumir de vez. Se quiser uma cópia, toque em /export antes.
forget-yes = Sim, apagar tudo
forget-no = Não, manter
forget-kept = Nada foi apagado.
forgotten = Pronto: apaguei tudo o que sabia sobre você. Se enviar /start, começamos do zero.

## A checagem de segurança

and-list-last = { $head } e { $last }
safety-modified = Obrigado por me contar. Pelo que você me contou ({ $because }), adaptei sua rotina: ficam de fora os exercícios e as versões mais puxadas que não combinam com você.
safety-go-ahead = Obrigado. Nada da lista: você pode usar o programa completo.
safety-check-done = Suas respostas de segurança foram salvas. /today abre a rotina de hoje.
safety-seated = Quando houver escolha, os exercícios sentados vêm primeiro.
safety-lowest = Cada exercício fica no nível mais fácil, e nenhum sobe até isso melhorar.
safety-foot-check = 🦶 Olhe os dois pés todos os dias, procurando cortes, bolhas, manchas vermelhas ou inchaço; use um espelho para as solas, se ajudar.
safety-get-checked = 🩺 Dor à noite ou em repouso merece ser mostrada a um médico ou fisioterapeuta; conte a eles se mudar.
safety-keep-gentle = Faça cada exercício com suavidade e pare diante de qualquer dor aguda.
safety-first-check = Antes da sua rotina, uma checagem rápida de segurança: ela define o que eu sugiro.
safety-recheck = Já se passaram alguns dias desde a sua checagem de segurança. Seu pé já foi avaliado? Toque no que ainda vale, ou em “Nenhuma destas” se já está tudo bem.
safety-words-heard = Isso parece algo para avaliar antes de se exercitar. Vamos refazer a checagem de segurança: toque no que vale agora.
safety-left-out = Fora da sua rotina: { $names }.
safety-hold =
    Pelo que você me contou ({ $because }), peça a um médico, enfermeiro ou fisioterapeuta para avaliar seu pé antes de começar estes exercícios.

    Até lá não vou enviar lembretes nem rotinas, e você ainda pode consultar qualquer exercício. Quando alguém tiver avaliado seu pé e disser que está tudo bem, toque no botão abaixo.
hold-cleared-button = ✅ Já fui avaliado, está tudo bem
hold-later-button = 🔁 Pergunte em alguns dias
hold-cleared = Que bom que foi avaliado. Sua rotina está de volta.
hold-cleared-setup = Que bom que foi avaliado. Vamos terminar a configuração.
hold-not-held = Nada está em espera.
hold-later = Combinado. Pergunto de novo: { $day }. Enquanto isso, você pode buscar qualquer exercício pelo nome.
card-held = ⚠️ <b>Antes:</b> pelo que você contou ({ $because }), peça para avaliarem seu pé antes de tentar isto.
card-left-out = 🚫 Fora da sua rotina, pelo que você contou ({ $because }).
card-rung-out = 🚫 A versão “{ $level }” não está na sua rotina, pelo que você contou ({ $because }).

## Comandos do operador (/admin): só para ADMIN_IDS, nunca no menu nem no /help

admin-usage =
    Comandos do operador:
    /admin - os números
    /admin broadcast - escrever uma mensagem para cada assinante ativo
    /admin broadcast <i>texto</i> - o mesmo, já com o texto
admin-broadcast-ask = Mande como próxima mensagem o texto para todos os assinantes ativos. Você verá uma prévia antes de qualquer envio.
admin-broadcast-send = Enviar para todos
admin-cancel = Cancelar
admin-broadcast-cancelled = Envio cancelado. Nada foi enviado.
admin-broadcast-too-long = Essa mensagem é longa demais para uma só mensagem do Telegram. Encurte e comece de novo com /admin broadcast.
admin-figure-subscribers = Assinantes
admin-figure-subscribers-definition = Ativos: assinatura ligada, sem pausa com data, bot não bloqueado (recebem os envios). Em pausa: /pause. Parados: /stop. Bloquearam: o Telegram deu 403; /start desfaz.
admin-figure-today = Lembretes de hoje
admin-figure-today-definition = Lembretes diários da data UTC de hoje: os já pegos mais os que ainda faltam hoje. Enviados: os que o Telegram aceitou. Adiados não contam.
admin-figure-late = Atrasados, 24 h
admin-figure-late-definition = Lembretes (diários e adiados) enviados nas últimas 24 horas mais de 5 minutos depois da hora: o bot estava fora do ar ou ocupado.
admin-figure-failed = Falharam, 24 h
admin-figure-failed-definition = Lembretes das últimas 24 horas que o Telegram recusou ou que esgotaram o tempo, incluindo quem bloqueou o bot. Não são reenviados.
admin-figure-routines = Rotinas concluídas, 7 dias
admin-figure-routines-definition = Rotinas diárias feitas até o último exercício nos últimos 7 dias. As interrompidas antes (por exemplo, por dor) não contam.
admin-figure-discomfort = Tendência do desconforto
admin-figure-discomfort-definition = Mediana (0 a 10) dos exercícios concluídos nos últimos 7 dias e depois dos 7 dias anteriores. Mais baixo é mais fácil. Um traço: sem notas naquela semana.
admin-figure-parked = Atualizações deixadas de lado
admin-figure-parked-definition = Mensagens e toques que o bot abandonou depois de erros repetidos ou que não conseguiu ler. Veja a documentação de operação.
admin-overview-title = <b>FootBot, agora</b>
admin-overview-subscribers = { $active } ativos, { $paused } em pausa, { $stopped } parados, { $blocked } bloquearam
admin-overview-today = { $sent } enviados de { $due } previstos
admin-overview-discomfort = { $now } (na semana anterior: { $before })
admin-overview-tap = Toque em um número para ver a definição.
broadcast-preview = <b>Prévia.</b> Isto vai para { $recipients ->
    [0] { $recipients } assinantes ativos
    [one] { $recipients } assinante ativo
   *[other] { $recipients } assinantes ativos
} (a contagem é refeita no envio):
broadcast-progress = Enviando a mensagem: { $done } de { $recipients } feitos.
broadcast-finished = Envio concluído: { $sent } enviados, { $blocked } bloquearam o bot, { $failed } falharam.
broadcast-skipped = { $skipped } ficaram de fora antes da vez (pararam ou bloquearam o bot nesse meio-tempo).
