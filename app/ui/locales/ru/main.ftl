# Tor Messenger: русские тексты.

app-title = Tor Messenger

## First run
first-run-title = Добро пожаловать в Tor Messenger
first-run-protects = Tor Messenger передаёт всё через Tor, чтобы серверы чатов не узнали, где вы находитесь, и шифрует ваши личные разговоры с помощью OTR, чтобы серверы не могли их прочитать.
first-run-limits = Он не скрывает, с кем вы общаетесь: серверы по-прежнему видят, какие учётные записи переписываются друг с другом и когда.
first-run-continue = Понятно, продолжить

## Top bar
nav-chats = Разговоры
nav-accounts = Учётные записи
nav-settings = Настройки

## Tor
tor-bootstrapping = Подключение к сети Tor: { $progress } %
tor-ready = Подключено к Tor
tor-unavailable = Tor не запущен. Перезапустите Tor Messenger через его программу запуска; если это повторится, проверьте, не блокирует ли брандмауэр программы на этом компьютере.

## Accounts
accounts-title = Ваши учётные записи
accounts-empty = Учётных записей пока нет. Добавьте запись ниже; ничего не подключается, пока вы не нажмёте «Подключиться».
account-add-title = Добавить учётную запись
account-protocol = Тип
account-protocol-irc = IRC
account-protocol-xmpp = XMPP (Jabber)
account-preset = Сервер
account-preset-custom = Другой сервер
account-preset-recommended = рекомендуется
account-label = Отображаемое имя
account-server = Адрес сервера
account-port = Порт
account-use-onion = Использовать .onion-адрес сервера
account-tls = Шифровать соединение с сервером (TLS)
account-nick = Ник
account-jid = Адрес (имя@сервер)
account-password = Пароль
account-remember-password = Запомнить пароль в этом профиле
account-add = Добавить
account-register-throwaway = Создать одноразовую учётную запись на этом сервере
account-register-hint = На сервере через Tor регистрируется новая случайная учётная запись. Воспользуйтесь ею один раз и забудьте.
account-missing-server = Введите адрес сервера.
account-missing-user = Введите ник или адрес.
account-bad-port = Порт должен быть числом от 1 до 65535.
account-connect = Подключиться
account-disconnect = Отключиться
account-state-offline = Не в сети
account-state-connecting = Подключение…
account-state-online = В сети как { $name }
account-state-reconnecting = Соединение потеряно, новая попытка через { $seconds } с
account-state-failed = Не подключено
account-waiting-for-tor = Ожидание Tor: подключиться можно будет после него.

## Problems
problem-pin-mismatch = Сервер предъявил не тот сертификат, который ожидает эта сборка. Возможно, кто-то перехватывает соединение, или сервер сменил сертификат. Не входите; проверьте объявления сервера с другого устройства.
problem-tls = Не удалось установить защищённое соединение с сервером. Проверьте адрес и порт; ничего не было отправлено.
problem-auth = Сервер отклонил имя или пароль. Проверьте их в этой учётной записи и подключитесь снова.
problem-tor-down = Tor недоступен, поэтому ничего нельзя отправить. Перезапустите Tor Messenger через его программу запуска.
problem-connection-lost = Соединение с сервером потеряно. Tor Messenger сам попробует подключиться снова.
problem-server-says = Сервер сообщает о проблеме: { $detail }

## Contacts and channels
contacts-title = Разговоры
contacts-none = Разговоров пока нет. Подключите учётную запись, затем войдите в комнату или напишите контакту.
contacts-online = в сети
contacts-offline = не в сети
contacts-unread = { $count ->
    [one] { $count } непрочитанное
    [few] { $count } непрочитанных
    [many] { $count } непрочитанных
   *[other] { $count } непрочитанных
}
open-title = Начать разговор
open-room = Комната или канал
open-contact = Контакт
open-join = Войти
open-write = Написать
open-pick-account = Учётная запись

## Conversation
conversation-none = Выберите разговор слева.
conversation-close = Закрыть
message-me = я
message-failed = не отправлено
message-pending = отправка…
message-input-hint = Напишите сообщение и нажмите Enter
message-send = Отправить
members-title = { $count ->
    [one] { $count } участник
    [few] { $count } участника
    [many] { $count } участников
   *[other] { $count } участника
}
topic = Тема: { $topic }
room-not-private = Комнаты никогда не бывают личными: их могут читать все участники и сервер.

## OTR
otr-not-private = Не защищён
otr-unverified = Защищён, не проверен
otr-verified = Защищён и проверен
otr-finished = Личный разговор завершён
otr-explain-not-private = Сервер может читать эти сообщения.
otr-explain-unverified = Зашифрован, но вы не подтвердили, кто находится на другой стороне.
otr-explain-verified = Зашифрован, и вы подтвердили личность собеседника.
otr-explain-finished = Собеседник завершил личный разговор. Ничего не отправляется, пока вы его не завершите или не обновите.
otr-start = Начать личный разговор
otr-refresh = Обновить личный разговор
otr-end = Завершить личный разговор
otr-verify = Проверить личность собеседника
otr-unrecognized = { $contact } использует компьютер, которого вы раньше не видели. Проверьте его личность, прежде чем делиться чем-то важным.
otr-generating-key = Создаётся ваш личный ключ; это займёт немного времени…
otr-verifying = Проверка личности собеседника: шаг { $step } из { $of }
otr-verify-success = Личность собеседника подтверждена.
otr-verify-failure = Проверка не удалась: ответы не совпали. Возможно, собеседник не тот, за кого себя выдаёт.
otr-blocked-plaintext = Сообщение не отправлено: для этого контакта требуется шифрование, а разговор ещё не защищён.
otr-peer-asks = Собеседник хочет проверить вашу личность.

## Verify dialog
verify-title = Проверить личность собеседника
verify-how = Как вы хотите проверить?
verify-method-question = Вопрос и ответ
verify-method-secret = Общий секрет
verify-method-fingerprint = Сравнить отпечатки
verify-question-hint = Задайте вопрос, на который может ответить только ваш собеседник. Ответ никогда не передаётся; OTR лишь проверяет, совпадают ли оба ответа.
verify-question = Вопрос
verify-answer = Ответ
verify-secret-hint = Введите секрет, о котором вы договорились заранее, лично или по другому надёжному каналу.
verify-secret = Общий секрет
verify-fingerprint-hint = Сравните эти отпечатки с собеседником по другому каналу (лично или по телефону).
verify-your-fingerprint = Ваш отпечаток
verify-their-fingerprint = Отпечаток собеседника
verify-fingerprint-unknown = пока неизвестен: сначала начните личный разговор
verify-fingerprint-matches = Я проверил: отпечаток совпадает
verify-start = Проверить
verify-cancel = Отмена
verify-peer-question = Собеседник спрашивает: { $question }
verify-peer-secret = Собеседник просит ввести ваш общий секрет.
verify-respond = Ответить

## Settings
settings-title = Настройки
settings-require-encryption = Требовать шифрование со всеми контактами
settings-require-encryption-hint = Контакту, для которого требуется шифрование, ничего никогда не отправляется открытым текстом.
settings-require-contact = Требовать шифрование с этим контактом
settings-otr-v3 = Разрешить OTR версии 3 (новые программы; версия 2 остаётся разрешённой)
settings-language = Язык
settings-theme = Оформление
settings-theme-light = Светлое
settings-theme-dark = Тёмное
settings-font-size = Размер текста
settings-saved-note = Настройки хранятся в папке профиля этой сборки. Разговоры никогда не сохраняются.
message-preview-hint = Так будет показано ваше сообщение
nav-menu = Меню

## Удаление учётной записи
account-remove = Удалить…
account-remove-title = Удалить { $account }?
account-remove-explain = Учётная запись отключается и удаляется из этого профиля. Её разговоры закрываются. На сервере сама учётная запись остаётся.
account-remove-forget-otr = Также удалить ключ OTR этой учётной записи и отпечатки её контактов (отменить нельзя)
account-remove-confirm = Удалить учётную запись
account-remove-otr-problem = Ключ OTR не удалён

## Одноразовая учётная запись
register-creating = Создаётся одноразовая учётная запись на { $server } через Tor; это может занять минуту…
register-created = Одноразовая учётная запись { $address } создана и добавлена к вашим. Нажмите «Подключиться», чтобы ею воспользоваться.
register-dismiss = OK
register-failed = На { $server } учётная запись не создана.
register-failed-unknown-server = Одноразовая учётная запись не создана.
register-failed-reason = Что произошло: { $reason }
register-failed-next = Ничего не добавлено. Попробуйте снова через несколько минут или выберите другой сервер из списка; если сервер требует адрес e-mail или CAPTCHA, создайте учётную запись на его сайте.

## Обновления
update-check = Проверить обновления
update-not-configured = Эта сборка не знает, где искать обновления. Узнайте о новой версии на сайте Tor Messenger в браузере, которому вы доверяете.
update-periodic = Проверять обновления раз в день, пока Tor Messenger работает
update-periodic-hint = Показывается только уведомление; ничего не скачивается и не устанавливается само.
update-notice-available = Доступна версия { $version }
update-notice-refused = Проверка обновлений обнаружила проблему
update-title = Обновления
update-checking = Запрашивается подписанный список выпусков через Tor…
update-up-to-date = Обновлений нет: у вас { $current }, последний выпуск — { $latest }.
update-available = Доступна версия { $version } ({ $megabytes } МБ).
update-available-next = Ничего не скачано. Чтобы получить её, запустите «tor-messenger-launcher download»: он скачает новый пакет через Tor и сохранит его, только если размер, контрольная сумма и подпись верны. Затем закройте Tor Messenger, распакуйте пакет в новую папку и перенесите туда папку Data, чтобы сохранить учётные записи и ключи.
update-refused = Сведения об обновлении отклонены.
update-close = Закрыть
update-unreachable = Не удалось получить сведения об обновлении через Tor ({ $detail }). Попробуйте позже.
update-expired = Срок действия подписанного списка выпусков истёк { $expires }. Возможно, кто-то скрывает от вас новые выпуски, или часы вашего компьютера идут неверно. Проверьте дату и попробуйте позже.
update-rollback-sequence = Список выпусков старее (номер { $got }), чем уже виденный (номер { $seen }). Возможно, вас пытаются заставить установить старую версию с известными уязвимостями: не обновляйтесь по нему.
update-rollback-version = Список выпусков предлагает версию { $got }, ниже ранее предложенной { $seen }. Возможно, вас пытаются заставить установить старую версию: не обновляйтесь по нему.
update-conflicting = Список выпусков отличается от уже виденного с тем же номером. Возможно, он подменён: не обновляйтесь по нему и попробуйте позже.
update-unknown-key = Список выпусков подписан ключом { $key }, который не является ключом выпусков Tor Messenger. Не доверяйте ему.
update-bad-signature = Подпись списка выпусков не совпадает. Возможно, он подменён или повреждён: не доверяйте ему и попробуйте позже.
update-wrong-software = Список выпусков относится к другой программе или другому каналу. Он отклонён.
update-wrong-platform = В списке выпусков нет подходящего выпуска для этого компьютера. Он отклонён.
update-too-large = Сервер прислал гораздо больше данных, чем может занимать список выпусков. Загрузка остановлена и отклонена.
update-malformed = Список выпусков подписан, но не читается. Он отклонён; попробуйте позже.
update-other = Сведения об обновлении отклонены: { $detail }
update-state-file = Запись о прошлых проверках в вашем профиле непригодна: { $detail }

account-sasl = Вход (SASL)
account-sasl-automatic = Автоматически (самый надёжный способ, который предлагает сервер)
account-sasl-plain = Пароль (PLAIN, только по зашифрованному соединению)
account-sasl-scram = Доказательство пароля (SCRAM-SHA-256)
account-sasl-external = Клиентский сертификат (EXTERNAL)
account-sasl-ecdsa = Ключ сертификата (ECDSA-NIST256P-CHALLENGE)
account-sasl-off = Без SASL (пароль для NickServ, только через TLS)
account-certificate = Клиентский сертификат
account-certificate-none = Нет
account-certificate-generate = Создать для этой учётной записи
account-certificate-import = Импортировать файлы PEM
account-certificate-file = Файл сертификата (PEM)
account-certificate-key-file = Файл ключа (если отдельно)
account-certificate-created = Клиентский сертификат { $account }
account-certificate-register = Зарегистрируйте его в сети, войдя с паролем, затем подключитесь:
account-certificate-fingerprints = Отпечатки: SHA-512 { $sha512 }, SHA-256 { $sha256 }
account-certificate-failed = Учётная запись не добавлена: { $reason }
account-missing-certificate = Укажите файл сертификата для импорта.
account-tls-name = Имя в сертификате сервера
preset-note-libera = Для Libera.Chat через Tor нужна учётная запись, зарегистрированная по электронной почте (с подключения без Tor), и вход по клиентскому сертификату: создайте его здесь, зарегистрируйте в NickServ и подключайтесь к адресу onion.
preset-note-oftc = OFTC рада пользователям Tor. Зарегистрируйте ник в NickServ; затем OFTC узнаёт вас по клиентскому сертификату (CertFP) или по паролю через TLS.
## Tor connection (connection screen, Settings > Tor connection)
connection-title = Подключение к Tor
connection-wait-hint = Обычно это занимает меньше минуты. Если ваша сеть блокирует Tor, вы можете выбрать мост прямо сейчас.
connection-choose = Выбрать способ подключения…
connection-stalled-title = Tor не может подключиться
connection-stalled-notice = Tor не может подключиться: выберите способ
connection-last-warning = Последнее сообщение Tor: { $warning }
connection-choices = Что можно сделать:
connection-applying = Изменение передаётся Tor…
stall-clock = Часы этого компьютера, похоже, идут неверно. Tor не может подключиться, пока дата, время или часовой пояс неправильные: исправьте их в настройках системы.
stall-transport = Программа { $transport } из Tor Messenger не смогла запуститься или остановилась. Распакуйте Tor Messenger заново (антивирус иногда удаляет или блокирует её) или выберите другой способ ниже.
stall-transport-unknown = Программа подключаемого транспорта не смогла запуститься или остановилась. Распакуйте Tor Messenger заново или выберите другой способ ниже.
stall-snowflake-broker = Snowflake не может связаться со своим посредником, через которого находит добровольные прокси: возможно, ваша сеть его блокирует. Попробуйте мосты obfs4 или мосты от знакомых.
stall-bridges = Используемые мосты не отвечают: возможно, они отключены или заблокированы, или строка обрезалась при копировании. Попробуйте другие мосты.
stall-blocked = Подключения к сети Tor отклоняются или обрываются: скорее всего, ваша сеть блокирует Tor. Мост скрывает, что вы пользуетесь Tor.
stall-no-answer = Tor не получает ответа от сети Tor: возможно, ваша сеть молча блокирует Tor, или она очень медленная.
choice-snowflake = Использовать встроенные мосты snowflake
choice-snowflake-hint = Snowflake работает через недолговечные добровольные прокси и действует в большинстве мест.
choice-obfs4 = Использовать встроенные мосты obfs4
choice-obfs4-hint = obfs4 делает трафик Tor похожим на случайные байты; в некоторых странах цензорам известны встроенные мосты.
choice-own = Использовать мои мосты ({ $count })
choice-enter = Ввести мосты…
choice-enter-hint = Получите мосты на bridges.torproject.org (или письмом на bridges@torproject.org) или у знакомых и вставьте их сюда, по одному в строке.
choice-enter-placeholder = obfs4 192.0.2.1:443 ОТПЕЧАТОК cert=… iat-mode=0
choice-enter-apply = Использовать эти мосты
choice-direct = Подключиться без мостов
choice-wait = Подождать ещё
change-failed-unavailable = Tor не запущен, поэтому ничего не изменено.
change-failed-refused = Tor отклонил изменение, поэтому ничего не изменено: { $reason }
change-failed-transport = В Tor Messenger нет программы { $transport }: распакуйте его заново. Ничего не изменено.
change-failed-no-own = У вас ещё нет своих мостов: сначала введите их.
change-failed-not-kept = Tor использует ваши мосты, но их не удалось сохранить на будущее: { $reason }
bridge-error = Мост «{ $line }»: { $problem }. Ничего не изменено.
bridge-error-numbered = Строка { $number } («{ $line }»): { $problem }. Ничего не изменено.
bridge-problem-empty = нет ни одной строки моста
bridge-problem-control = в ней есть символ, которого не может быть в строке моста
bridge-problem-transport = в Tor Messenger нет транспорта «{ $name }» (есть obfs4 и snowflake)
bridge-problem-address = «{ $text }» — не IP-адрес с портом, как 192.0.2.1:443
bridge-problem-fingerprint = отпечаток «{ $text }» не состоит из 40 шестнадцатеричных цифр
bridge-problem-cert = часть cert= — не действительный сертификат obfs4; может быть, строка обрезалась при копировании?
bridge-problem-missing = нет части { $text }=
bridge-problem-argument = «{ $text }» в этой строке неверно
bridge-problem-other = это не та строка моста, которую может использовать Tor Messenger
tor-settings-title = Подключение Tor
tor-settings-unknown = Ожидание, пока Tor сообщит, какие мосты он использует…
tor-settings-direct = Tor подключается напрямую, без мостов.
tor-settings-built-in = Tor использует встроенные мосты { $transport } ({ $count }).
tor-settings-custom = Tor использует ваши мосты ({ $count }):
tor-settings-change = Изменить способ подключения Tor:
tor-settings-note = Изменения сразу передаются работающему Tor, и Tor сохраняет их до следующего запуска.
settings-page-general = Общие
members-logged-in-as = вошёл как { $account }
