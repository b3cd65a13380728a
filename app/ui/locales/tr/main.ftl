# Tor Messenger: Türkçe metinler.

app-title = Tor Messenger

## First run
first-run-title = Tor Messenger'a hoş geldiniz
first-run-protects = Tor Messenger her şeyi Tor üzerinden gönderir; böylece sohbet sunucuları nerede olduğunuzu öğrenemez. Özel konuşmalarınızı da OTR ile şifreler; böylece sunucular onları okuyamaz.
first-run-limits = Kiminle konuştuğunuzu gizlemez: sunucular hangi hesapların birbiriyle ne zaman yazıştığını yine görür.
first-run-continue = Anladım, devam et

## Top bar
nav-chats = Konuşmalar
nav-accounts = Hesaplar
nav-settings = Ayarlar

## Tor
tor-bootstrapping = Tor ağına bağlanılıyor: %{ $progress }
tor-ready = Tor'a bağlı
tor-unavailable = Tor çalışmıyor. Tor Messenger'ı başlatıcısından yeniden başlatın; tekrar olursa bu bilgisayardaki programları bir güvenlik duvarının engellemediğini denetleyin.

## Accounts
accounts-title = Hesaplarınız
accounts-empty = Henüz hesap yok. Aşağıdan bir hesap ekleyin; siz "Bağlan" düğmesine basmadan hiçbir şey bağlanmaz.
account-add-title = Hesap ekle
account-protocol = Tür
account-protocol-irc = IRC
account-protocol-xmpp = XMPP (Jabber)
account-preset = Sunucu
account-preset-custom = Başka bir sunucu
account-preset-recommended = önerilen
account-label = Görünen ad
account-server = Sunucu adresi
account-port = Bağlantı noktası
account-use-onion = Sunucunun .onion adresini kullan
account-tls = Sunucuyla bağlantıyı şifrele (TLS)
account-nick = Takma ad
account-jid = Adres (ad@sunucu)
account-password = Parola
account-remember-password = Parolayı bu profilde hatırla
account-add = Hesap ekle
account-register-throwaway = Bu sunucuda tek kullanımlık bir hesap oluştur
account-register-hint = Sunucuda Tor üzerinden rastgele yeni bir hesap kaydedilir. Bir kez kullanın ve unutun.
account-missing-server = Bir sunucu adresi girin.
account-missing-user = Bir takma ad ya da adres girin.
account-bad-port = Bağlantı noktası 1 ile 65535 arasında bir sayı olmalıdır.
account-connect = Bağlan
account-disconnect = Bağlantıyı kes
account-state-offline = Çevrim dışı
account-state-connecting = Bağlanılıyor…
account-state-online = { $name } olarak çevrim içi
account-state-reconnecting = Bağlantı koptu, { $seconds } sn sonra yeniden denenecek
account-state-failed = Bağlı değil
account-waiting-for-tor = Bağlanabilmek için Tor bekleniyor.

## Problems
problem-pin-mismatch = Sunucu, bu paketin beklediğinden farklı bir sertifika sundu. Biri bağlantıyı dinliyor olabilir ya da sunucu sertifikasını değiştirmiş olabilir. Oturum açmayın; sunucunun duyurularını başka bir cihazdan denetleyin.
problem-tls = Sunucuyla güvenli bağlantı kurulamadı. Adresi ve bağlantı noktasını denetleyin; hiçbir şey gönderilmedi.
problem-auth = Sunucu adı ya da parolayı reddetti. Bu hesapta ikisini de denetleyip yeniden bağlanın.
problem-tor-down = Tor'a ulaşılamıyor, bu yüzden hiçbir şey gönderilemez. Tor Messenger'ı başlatıcısından yeniden başlatın.
problem-connection-lost = Sunucuyla bağlantı koptu. Tor Messenger kendiliğinden yeniden deniyor.
problem-server-says = Sunucu bir sorun bildirdi: { $detail }

## Contacts and channels
contacts-title = Konuşmalar
contacts-none = Henüz konuşma yok. Bir hesabı bağlayın, sonra bir odaya katılın ya da bir kişiye yazın.
contacts-online = çevrim içi
contacts-offline = çevrim dışı
contacts-unread = { $count } okunmamış
open-title = Konuşma başlat
open-room = Oda ya da kanal
open-contact = Kişi
open-join = Katıl
open-write = Yaz
open-pick-account = Hesap

## Conversation
conversation-none = Soldan bir konuşma seçin.
conversation-close = Kapat
message-me = ben
message-failed = gönderilmedi
message-pending = gönderiliyor…
message-input-hint = Bir ileti yazıp Enter'a basın
message-send = Gönder
members-title = { $count } üye
topic = Konu: { $topic }
room-not-private = Odalar hiçbir zaman özel değildir: odadaki herkes ve sunucu iletileri okuyabilir.

## OTR
otr-not-private = Özel değil
otr-unverified = Özel, doğrulanmamış
otr-verified = Özel ve doğrulanmış
otr-finished = Özel konuşma sona erdi
otr-explain-not-private = Sunucu bu iletileri okuyabilir.
otr-explain-unverified = Şifreli, ancak karşı tarafta kimin olduğunu doğrulamadınız.
otr-explain-verified = Şifreli ve kişinizin kimliğini doğruladınız.
otr-explain-finished = Kişiniz özel konuşmayı sonlandırdı. Siz sonlandırana ya da yenileyene kadar hiçbir şey gönderilmez.
otr-start = Özel konuşma başlat
otr-refresh = Özel konuşmayı yenile
otr-end = Özel konuşmayı sonlandır
otr-verify = Kişinin kimliğini doğrula
otr-unrecognized = { $contact } daha önce görmediğiniz bir bilgisayar kullanıyor. Hassas bir şey paylaşmadan önce kimliğini doğrulayın.
otr-generating-key = Özel anahtarınız oluşturuluyor; bu biraz sürer…
otr-verifying = Kişinizin kimliği denetleniyor: adım { $step } / { $of }
otr-verify-success = Kişinizin kimliği doğrulandı.
otr-verify-failure = Doğrulama başarısız: yanıtlar eşleşmedi. Kişiniz söylediği kişi olmayabilir.
otr-blocked-plaintext = Bu ileti gönderilmedi: bu kişi için şifreleme zorunlu ve konuşma henüz özel değil.
otr-peer-asks = Kişiniz kimliğinizi doğrulamak istiyor.

## Verify dialog
verify-title = Kişinin kimliğini doğrula
verify-how = Nasıl doğrulamak istiyorsunuz?
verify-method-question = Soru ve yanıt
verify-method-secret = Ortak sır
verify-method-fingerprint = Parmak izlerini karşılaştır
verify-question-hint = Yalnızca kişinizin yanıtlayabileceği bir soru sorun. Yanıt hiçbir zaman gönderilmez; OTR yalnızca iki yanıtın eşleşip eşleşmediğini denetler.
verify-question = Soru
verify-answer = Yanıt
verify-secret-hint = Daha önce yüz yüze ya da başka güvenli bir yoldan kararlaştırdığınız bir sırrı girin.
verify-secret = Ortak sır
verify-fingerprint-hint = Bu parmak izlerini kişinizle başka bir yoldan (yüz yüze ya da telefonla) karşılaştırın.
verify-your-fingerprint = Parmak iziniz
verify-their-fingerprint = Kişinizin parmak izi
verify-fingerprint-unknown = henüz bilinmiyor: önce özel bir konuşma başlatın
verify-fingerprint-matches = Denetledim: parmak izi eşleşiyor
verify-start = Doğrula
verify-cancel = Vazgeç
verify-peer-question = Kişiniz soruyor: { $question }
verify-peer-secret = Kişiniz paylaştığınız sırrı istiyor.
verify-respond = Yanıtla

## Settings
settings-title = Ayarlar
settings-require-encryption = Tüm kişilerle şifreleme zorunlu olsun
settings-require-encryption-hint = Şifrelemenin zorunlu olduğu bir kişiye hiçbir şey şifresiz gönderilmez.
settings-require-contact = Bu kişiyle şifreleme zorunlu olsun
settings-otr-v3 = OTR sürüm 3'e izin ver (yeni programlar; sürüm 2'ye izin verilmeye devam eder)
settings-language = Dil
settings-theme = Görünüm
settings-theme-light = Açık
settings-theme-dark = Koyu
settings-font-size = Yazı boyutu
settings-saved-note = Ayarlar bu paketin profil klasöründe saklanır. Konuşmalar hiçbir zaman kaydedilmez.
