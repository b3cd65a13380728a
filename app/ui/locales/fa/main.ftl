# Tor Messenger: متن‌های فارسی.

app-title = Tor Messenger

## First run
first-run-title = به Tor Messenger خوش آمدید
first-run-protects = Tor Messenger همه چیز را از طریق Tor می‌فرستد تا سرورهای گفتگو ندانند شما کجا هستید، و گفتگوهای خصوصی شما را با OTR رمزگذاری می‌کند تا سرورها نتوانند آن‌ها را بخوانند.
first-run-limits = پنهان نمی‌کند که با چه کسی حرف می‌زنید: سرورها همچنان می‌بینند کدام حساب‌ها و در چه زمانی با هم گفتگو می‌کنند.
first-run-continue = متوجه شدم، ادامه

## Top bar
nav-chats = گفتگوها
nav-accounts = حساب‌ها
nav-settings = تنظیمات

## Tor
tor-bootstrapping = در حال اتصال به شبکهٔ Tor: ٪{ $progress }
tor-ready = به Tor متصل است
tor-unavailable = Tor اجرا نمی‌شود. Tor Messenger را از راه‌انداز آن دوباره اجرا کنید؛ اگر باز هم تکرار شد، بررسی کنید که دیوار آتش برنامه‌های این رایانه را مسدود نکرده باشد.

## Accounts
accounts-title = حساب‌های شما
accounts-empty = هنوز حسابی ندارید. در پایین یکی اضافه کنید؛ تا روی «اتصال» نزنید، هیچ اتصالی برقرار نمی‌شود.
account-add-title = افزودن حساب
account-protocol = نوع
account-protocol-irc = IRC
account-protocol-xmpp = XMPP (جابر)
account-preset = سرور
account-preset-custom = سرور دیگر
account-preset-recommended = پیشنهادی
account-label = نام نمایشی
account-server = نشانی سرور
account-port = درگاه
account-use-onion = استفاده از نشانی ‎.onion‎ سرور
account-tls = رمزگذاری اتصال به سرور (TLS)
account-nick = نام مستعار
account-jid = نشانی (نام@سرور)
account-password = گذرواژه
account-remember-password = گذرواژه را در این نمایه به خاطر بسپار
account-add = افزودن حساب
account-register-throwaway = ساختن یک حساب یک‌بارمصرف روی این سرور
account-register-hint = یک حساب تازه و تصادفی از طریق Tor روی سرور ثبت می‌شود. یک بار از آن استفاده کنید و فراموشش کنید.
account-missing-server = نشانی یک سرور را وارد کنید.
account-missing-user = یک نام مستعار یا نشانی وارد کنید.
account-bad-port = درگاه باید عددی بین ۱ و ۶۵۵۳۵ باشد.
account-connect = اتصال
account-disconnect = قطع اتصال
account-state-offline = برون‌خط
account-state-connecting = در حال اتصال…
account-state-online = برخط با نام { $name }
account-state-reconnecting = اتصال قطع شد، تلاش دوباره تا { $seconds } ثانیهٔ دیگر
account-state-failed = متصل نیست
account-waiting-for-tor = در انتظار Tor؛ پس از آن می‌توانید متصل شوید.

## Problems
problem-pin-mismatch = سرور گواهی‌ای متفاوت با گواهی مورد انتظار این بسته ارائه کرد. ممکن است کسی اتصال را شنود کند، یا سرور گواهی خود را عوض کرده باشد. وارد نشوید؛ اطلاعیه‌های سرور را از دستگاه دیگری بررسی کنید.
problem-tls = اتصال امن با سرور برقرار نشد. نشانی و درگاه را بررسی کنید؛ چیزی فرستاده نشد.
problem-auth = سرور نام یا گذرواژه را نپذیرفت. آن‌ها را در این حساب بررسی کنید و دوباره متصل شوید.
problem-tor-down = به Tor دسترسی نیست، پس هیچ چیز فرستاده نمی‌شود. Tor Messenger را از راه‌انداز آن دوباره اجرا کنید.
problem-connection-lost = اتصال به سرور قطع شد. Tor Messenger خودش دوباره تلاش می‌کند.
problem-server-says = سرور یک مشکل گزارش کرد: { $detail }

## Contacts and channels
contacts-title = گفتگوها
contacts-none = هنوز گفتگویی نیست. یک حساب را متصل کنید، سپس به یک اتاق بپیوندید یا برای یک مخاطب بنویسید.
contacts-online = برخط
contacts-offline = برون‌خط
contacts-unread = { $count } خوانده‌نشده
open-title = شروع گفتگو
open-room = اتاق یا کانال
open-contact = مخاطب
open-join = پیوستن
open-write = نوشتن
open-pick-account = حساب

## Conversation
conversation-none = یک گفتگو را از فهرست انتخاب کنید.
conversation-close = بستن
message-me = من
message-failed = فرستاده نشد
message-pending = در حال فرستادن…
message-input-hint = پیامی بنویسید و Enter را بزنید
message-send = فرستادن
members-title = { $count } عضو
topic = موضوع: { $topic }
room-not-private = اتاق‌ها هرگز خصوصی نیستند: همهٔ حاضران در اتاق و سرور می‌توانند پیام‌ها را بخوانند.

## OTR
otr-not-private = خصوصی نیست
otr-unverified = خصوصی، تأییدنشده
otr-verified = خصوصی و تأییدشده
otr-finished = گفتگوی خصوصی پایان یافت
otr-explain-not-private = سرور می‌تواند این پیام‌ها را بخواند.
otr-explain-unverified = رمزگذاری شده است، اما هنوز تأیید نکرده‌اید چه کسی آن سو است.
otr-explain-verified = رمزگذاری شده است و هویت مخاطب خود را تأیید کرده‌اید.
otr-explain-finished = مخاطب شما گفتگوی خصوصی را پایان داد. تا وقتی آن را پایان ندهید یا تازه نکنید، چیزی فرستاده نمی‌شود.
otr-start = شروع گفتگوی خصوصی
otr-refresh = تازه کردن گفتگوی خصوصی
otr-end = پایان گفتگوی خصوصی
otr-verify = تأیید هویت مخاطب
otr-unrecognized = { $contact } از رایانه‌ای استفاده می‌کند که پیش‌تر ندیده‌اید. پیش از در میان گذاشتن هر چیز حساس، هویت او را تأیید کنید.
otr-generating-key = در حال ساختن کلید خصوصی شما؛ کمی طول می‌کشد…
otr-verifying = در حال بررسی هویت مخاطب: مرحلهٔ { $step } از { $of }
otr-verify-success = هویت مخاطب شما تأیید شد.
otr-verify-failure = تأیید هویت ناموفق بود: پاسخ‌ها یکسان نبودند. شاید مخاطب شما همان کسی نباشد که می‌گوید.
otr-blocked-plaintext = این پیام فرستاده نشد: برای این مخاطب رمزگذاری الزامی است و گفتگو هنوز خصوصی نیست.
otr-peer-asks = مخاطب شما می‌خواهد هویت شما را تأیید کند.

## Verify dialog
verify-title = تأیید هویت مخاطب
verify-how = چگونه می‌خواهید تأیید کنید؟
verify-method-question = پرسش و پاسخ
verify-method-secret = راز مشترک
verify-method-fingerprint = مقایسهٔ اثر انگشت
verify-question-hint = پرسشی بپرسید که فقط مخاطب شما پاسخش را بداند. پاسخ هرگز فرستاده نمی‌شود؛ OTR فقط بررسی می‌کند که دو پاسخ یکسان باشند.
verify-question = پرسش
verify-answer = پاسخ
verify-secret-hint = رازی را وارد کنید که پیش‌تر، حضوری یا از راه امن دیگری، بر سر آن توافق کرده‌اید.
verify-secret = راز مشترک
verify-fingerprint-hint = این اثر انگشت‌ها را از راه دیگری (حضوری یا تلفنی) با مخاطب خود مقایسه کنید.
verify-your-fingerprint = اثر انگشت شما
verify-their-fingerprint = اثر انگشت مخاطب
verify-fingerprint-unknown = هنوز معلوم نیست: اول یک گفتگوی خصوصی شروع کنید
verify-fingerprint-matches = بررسی کردم: اثر انگشت یکسان است
verify-start = تأیید
verify-cancel = لغو
verify-peer-question = مخاطب شما می‌پرسد: { $question }
verify-peer-secret = مخاطب شما راز مشترکتان را می‌خواهد.
verify-respond = پاسخ دادن

## Settings
settings-title = تنظیمات
settings-require-encryption = الزام رمزگذاری با همهٔ مخاطبان
settings-require-encryption-hint = برای مخاطبی که رمزگذاری برایش الزامی است، هرگز چیزی بدون رمزگذاری فرستاده نمی‌شود.
settings-require-contact = الزام رمزگذاری با این مخاطب
settings-otr-v3 = اجازه به OTR نسخهٔ ۳ (برنامه‌های جدیدتر؛ نسخهٔ ۲ همچنان مجاز است)
settings-language = زبان
settings-theme = ظاهر
settings-theme-light = روشن
settings-theme-dark = تیره
settings-font-size = اندازهٔ متن
settings-saved-note = تنظیمات در پوشهٔ نمایهٔ این بسته نگه داشته می‌شوند. گفتگوها هرگز ذخیره نمی‌شوند.
message-preview-hint = پیام شما این‌گونه نمایش داده می‌شود
nav-menu = فهرست

## حذف حساب
account-remove = حذف
account-remove-title = { $account } حذف شود؟
account-remove-explain = اتصال حساب قطع و از این نمایه حذف می‌شود. گفتگوهایش بسته می‌شوند. خود حساب همچنان روی کارساز وجود دارد.
account-remove-forget-otr = کلید OTR این حساب و اثرانگشت‌های مخاطبانش هم پاک شود (برگشت‌پذیر نیست)
account-remove-confirm = حذف حساب
account-remove-otr-problem = کلید OTR پاک نشد

## حساب یک‌بارمصرف
register-creating = در حال ساختن یک حساب یک‌بارمصرف روی { $server } از راه Tor؛ ممکن است یک دقیقه طول بکشد.
register-created = حساب یک‌بارمصرف { $address } ساخته شد و به حساب‌های شما افزوده شد. برای استفاده «اتصال» را بزنید.
register-dismiss = باشه
register-failed = هیچ حسابی روی { $server } ساخته نشد.
register-failed-unknown-server = هیچ حساب یک‌بارمصرفی ساخته نشد.
register-failed-reason = چه شد: { $reason }
register-failed-next = چیزی افزوده نشد. چند دقیقهٔ دیگر دوباره تلاش کنید یا کارساز دیگری از فهرست برگزینید؛ اگر کارساز نشانی ایمیل یا CAPTCHA می‌خواهد، حساب را در وبگاه آن بسازید.

## به‌روزرسانی‌ها
update-check = بررسی به‌روزرسانی
update-not-configured = این نسخه نمی‌داند به‌روزرسانی‌ها را کجا جستجو کند. در مرورگری که به آن اعتماد دارید، وبگاه Tor Messenger را برای نسخهٔ تازه‌تر ببینید.
update-periodic = روزی یک بار، تا وقتی Tor Messenger باز است، به‌روزرسانی‌ها را بررسی کن
update-periodic-hint = فقط یک اعلان نشان داده می‌شود؛ هیچ چیز خودبه‌خود بارگیری یا نصب نمی‌شود.
update-notice-available = نسخهٔ { $version } در دسترس است
update-notice-refused = بررسی به‌روزرسانی به مشکلی برخورد
update-title = به‌روزرسانی‌ها
update-checking = در حال گرفتن فهرست امضاشدهٔ نسخه‌ها از راه Tor…
update-up-to-date = به‌روز است: شما { $current } را دارید، تازه‌ترین نسخه { $latest } است.
update-available = نسخهٔ { $version } در دسترس است ({ $megabytes } مگابایت).
update-available-next = چیزی بارگیری نشد. برای گرفتن آن «tor-messenger-launcher download» را اجرا کنید: بستهٔ تازه را از راه Tor بارگیری می‌کند و فقط اگر اندازه، چکیده و امضایش درست باشد نگه می‌دارد. سپس Tor Messenger را ببندید، بسته را در پوشه‌ای تازه باز کنید و پوشهٔ Data خود را به آن ببرید تا حساب‌ها و کلیدهایتان بمانند.
update-refused = اطلاعات به‌روزرسانی پذیرفته نشد.
update-close = بستن
update-unreachable = اطلاعات به‌روزرسانی از راه Tor گرفته نشد ({ $detail }). بعداً دوباره تلاش کنید.
update-expired = فهرست امضاشدهٔ نسخه‌ها در { $expires } منقضی شده است. شاید کسی نسخه‌های تازه را از شما پنهان می‌کند، یا ساعت رایانهٔ شما نادرست است. تاریخ را بررسی کنید و بعداً دوباره تلاش کنید.
update-rollback-sequence = فهرست نسخه‌ها (شمارهٔ { $got }) از فهرستی که پیش‌تر دیده شده (شمارهٔ { $seen }) قدیمی‌تر است. شاید کسی می‌خواهد نسخه‌ای قدیمی با حفره‌های شناخته‌شده را به شما بقبولاند: با آن به‌روزرسانی نکنید.
update-rollback-version = فهرست نسخه‌ها نسخهٔ { $got } را پیشنهاد می‌کند که از { $seen } پیشنهادشدهٔ پیشین پایین‌تر است. شاید کسی می‌خواهد نسخه‌ای قدیمی را به شما بقبولاند: با آن به‌روزرسانی نکنید.
update-conflicting = فهرست نسخه‌ها با فهرستی که با همین شماره دیده شده فرق دارد. شاید دستکاری شده باشد: با آن به‌روزرسانی نکنید و بعداً دوباره تلاش کنید.
update-unknown-key = فهرست نسخه‌ها با کلید { $key } امضا شده که کلید انتشار Tor Messenger نیست. به آن اعتماد نکنید.
update-bad-signature = امضای فهرست نسخه‌ها نمی‌خواند. شاید دستکاری یا خراب شده باشد: به آن اعتماد نکنید و بعداً دوباره تلاش کنید.
update-wrong-software = فهرست نسخه‌ها برای نرم‌افزار یا کانال دیگری است. پذیرفته نشد.
update-wrong-platform = فهرست نسخه‌ها هیچ نسخهٔ معتبری برای این رایانه نام نمی‌برد. پذیرفته نشد.
update-too-large = کارساز بسیار بیشتر از اندازهٔ یک فهرست نسخه‌ها داده فرستاد. متوقف و پذیرفته نشد.
update-malformed = فهرست نسخه‌ها امضا شده اما خواندنی نیست. پذیرفته نشد؛ بعداً دوباره تلاش کنید.
update-other = اطلاعات به‌روزرسانی پذیرفته نشد: { $detail }
update-state-file = سابقهٔ بررسی‌های پیشین در نمایهٔ شما قابل استفاده نیست: { $detail }

account-sasl = ورود (SASL)
account-sasl-automatic = خودکار (امن‌ترین روشی که سرور ارائه می‌کند)
account-sasl-plain = گذرواژه (PLAIN، فقط روی اتصال رمزگذاری‌شده)
account-sasl-scram = اثبات گذرواژه (SCRAM-SHA-256)
account-sasl-external = گواهی کلاینت (EXTERNAL)
account-sasl-ecdsa = کلید گواهی (ECDSA-NIST256P-CHALLENGE)
account-sasl-off = بدون SASL (گذرواژه به NickServ، فقط با TLS)
account-certificate = گواهی کلاینت
account-certificate-none = هیچ
account-certificate-generate = ساختن یک گواهی برای این حساب
account-certificate-import = وارد کردن فایل‌های PEM
account-certificate-file = فایل گواهی (PEM)
account-certificate-key-file = فایل کلید (اگر جداست)
account-certificate-created = گواهی کلاینت { $account }
account-certificate-register = در حالی که با گذرواژه‌تان وارد شده‌اید آن را در شبکه ثبت کنید، سپس وصل شوید:
account-certificate-fingerprints = اثر انگشت‌ها: SHA-512 { $sha512 }، SHA-256 { $sha256 }
account-certificate-failed = حساب اضافه نشد: { $reason }
account-missing-certificate = فایل گواهی را برای وارد کردن مشخص کنید.
account-tls-name = نام در گواهی سرور
preset-note-libera = Libera.Chat از طریق Tor به حسابی نیاز دارد که با ایمیل (از اتصالی بدون Tor) ثبت شده باشد و ورود با گواهی کلاینت: اینجا یکی بسازید، آن را در NickServ ثبت کنید و به نشانی onion وصل شوید.
preset-note-oftc = OFTC پذیرای کاربران Tor است. نام مستعار خود را در NickServ ثبت کنید؛ سپس OFTC شما را با گواهی کلاینت (CertFP) یا گذرواژه‌تان روی TLS می‌شناسد.
## Tor connection (connection screen, Settings > Tor connection)
connection-title = در حال اتصال به تور
connection-wait-hint = این کار معمولاً کمتر از یک دقیقه طول می‌کشد. اگر شبکهٔ شما تور را مسدود می‌کند، همین حالا می‌توانید یک پل انتخاب کنید.
connection-choose = انتخاب روش اتصال…
connection-stalled-title = تور نمی‌تواند وصل شود
connection-stalled-notice = تور نمی‌تواند وصل شود: روشی را انتخاب کنید
connection-last-warning = آخرین پیام تور: { $warning }
connection-choices = کارهایی که می‌توانید بکنید:
connection-applying = در حال سپردن تغییر به تور…
stall-clock = به نظر می‌رسد ساعت این رایانه درست نیست. تا وقتی تاریخ، ساعت یا منطقهٔ زمانی نادرست باشد تور نمی‌تواند وصل شود: آن‌ها را در تنظیمات سیستم درست کنید.
stall-transport = برنامهٔ { $transport } در Tor Messenger نتوانست اجرا شود یا متوقف شد. Tor Messenger را دوباره از حالت فشرده خارج کنید (نرم‌افزارهای امنیتی گاهی آن را حذف یا مسدود می‌کنند) یا در پایین روش دیگری انتخاب کنید.
stall-transport-unknown = یک برنامهٔ انتقال اتصال‌پذیر نتوانست اجرا شود یا متوقف شد. Tor Messenger را دوباره از حالت فشرده خارج کنید یا در پایین روش دیگری انتخاب کنید.
stall-snowflake-broker = اسنوفلیک به واسطهٔ خود، که پروکسی‌های داوطلب را از آن پیدا می‌کند، دسترسی ندارد: شاید شبکهٔ شما آن را مسدود کرده است. پل‌های obfs4 یا پل‌هایی از یک دوست را امتحان کنید.
stall-bridges = پل‌های در حال استفاده پاسخ نمی‌دهند: شاید خاموش یا مسدود باشند، یا یک خط هنگام کپی کردن بریده شده باشد. پل‌های دیگری را امتحان کنید.
stall-blocked = اتصال‌ها به شبکهٔ تور رد یا قطع می‌شوند: شبکهٔ شما احتمالاً تور را مسدود می‌کند. یک پل پنهان می‌کند که از تور استفاده می‌کنید.
stall-no-answer = تور هیچ پاسخی از شبکهٔ تور نمی‌گیرد: شاید شبکهٔ شما بی‌صدا تور را مسدود می‌کند، یا بسیار کند است.
choice-snowflake = استفاده از پل‌های داخلی snowflake
choice-snowflake-hint = اسنوفلیک از پروکسی‌های داوطلبِ کوتاه‌عمر می‌گذرد و در بیشتر جاها کار می‌کند.
choice-obfs4 = استفاده از پل‌های داخلی obfs4
choice-obfs4-hint = obfs4 ترافیک تور را شبیه بایت‌های تصادفی می‌کند؛ سانسورگران برخی کشورها پل‌های داخلی را می‌شناسند.
choice-own = استفاده از پل‌های خودم ({ $count })
choice-enter = وارد کردن پل…
choice-enter-hint = پل‌ها را از bridges.torproject.org (یا با ایمیل به bridges@torproject.org) یا از یک دوست بگیرید و اینجا بچسبانید، هر کدام در یک خط.
choice-enter-placeholder = obfs4 192.0.2.1:443 FINGERPRINT cert=… iat-mode=0
choice-enter-apply = استفاده از این پل‌ها
choice-direct = اتصال بدون پل
choice-wait = ادامهٔ انتظار
change-failed-unavailable = تور در حال اجرا نیست، پس چیزی تغییر نکرد.
change-failed-refused = تور تغییر را نپذیرفت، پس چیزی تغییر نکرد: { $reason }
change-failed-transport = برنامهٔ { $transport } در Tor Messenger وجود ندارد: آن را دوباره از حالت فشرده خارج کنید. چیزی تغییر نکرد.
change-failed-no-own = هنوز پل شخصی ندارید: ابتدا چند پل وارد کنید.
change-failed-not-kept = تور از پل‌های شما استفاده می‌کند، اما نگه‌داشتن آن‌ها برای بعد ممکن نشد: { $reason }
bridge-error = پل «{ $line }»: { $problem }. چیزی تغییر نکرد.
bridge-error-numbered = خط { $number } («{ $line }»): { $problem }. چیزی تغییر نکرد.
bridge-problem-empty = هیچ خط پلی وجود ندارد
bridge-problem-control = نویسه‌ای دارد که نمی‌تواند در خط پل باشد
bridge-problem-transport = Tor Messenger انتقال «{ $name }» را ندارد (obfs4 و snowflake را دارد)
bridge-problem-address = «{ $text }» نشانی IP با درگاه، مانند 192.0.2.1:443، نیست
bridge-problem-fingerprint = اثر انگشت «{ $text }» از ۴۰ رقم شانزده‌شانزدهی تشکیل نشده است
bridge-problem-cert = بخش cert= یک گواهی معتبر obfs4 نیست؛ آیا خط هنگام کپی کردن بریده شده است؟
bridge-problem-missing = بخش { $text }= وجود ندارد
bridge-problem-argument = «{ $text }» در این خط درست نیست
bridge-problem-other = این خط پلی نیست که Tor Messenger بتواند از آن استفاده کند
tor-settings-title = اتصال تور
tor-settings-unknown = در انتظار اینکه تور بگوید از کدام پل‌ها استفاده می‌کند…
tor-settings-direct = تور بدون پل و مستقیم وصل می‌شود.
tor-settings-built-in = تور از پل‌های داخلی { $transport } استفاده می‌کند ({ $count }).
tor-settings-custom = تور از پل‌های شما استفاده می‌کند ({ $count }):
tor-settings-change = تغییر روش اتصال تور:
tor-settings-note = تغییرها بی‌درنگ به تورِ در حال اجرا می‌رسند و تور آن‌ها را برای اجرای بعدی نگه می‌دارد.
settings-page-general = عمومی
members-logged-in-as = وارد شده به‌عنوان { $account }
