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
message-preview-hint = İletiniz böyle görünecek
nav-menu = Menü

## Hesabı kaldırma
account-remove = Kaldır…
account-remove-title = { $account } kaldırılsın mı?
account-remove-explain = Hesabın bağlantısı kesilir ve bu profilden kaldırılır. Konuşmaları kapanır. Hesabın kendisi sunucusunda var olmaya devam eder.
account-remove-forget-otr = Bu hesabın OTR anahtarını ve kişilerinin parmak izlerini de sil (geri alınamaz)
account-remove-confirm = Hesabı kaldır
account-remove-otr-problem = OTR anahtarı silinmedi

## Tek kullanımlık hesap
register-creating = { $server } üzerinde Tor aracılığıyla tek kullanımlık bir hesap oluşturuluyor; bu bir dakika sürebilir…
register-created = Tek kullanımlık hesap { $address } oluşturuldu ve hesaplarınıza eklendi. Kullanmak için "Bağlan"a basın.
register-dismiss = Tamam
register-failed = { $server } üzerinde hesap oluşturulmadı.
register-failed-unknown-server = Tek kullanımlık hesap oluşturulmadı.
register-failed-reason = Ne oldu: { $reason }
register-failed-next = Hiçbir şey eklenmedi. Birkaç dakika sonra yeniden deneyin ya da listeden başka bir sunucu seçin; sunucu bir e-posta adresi veya CAPTCHA istiyorsa hesabı onun web sitesinde oluşturun.

## Güncellemeler
update-check = Güncellemeleri denetle
update-not-configured = Bu sürüm güncellemeleri nerede arayacağını bilmiyor. Daha yeni bir sürüm olup olmadığını güvendiğiniz bir tarayıcıda Tor Messenger web sitesinden öğrenin.
update-periodic = Tor Messenger çalışırken günde bir kez güncellemeleri denetle
update-periodic-hint = Yalnızca bir bildirim gösterilir; hiçbir şey kendiliğinden indirilmez veya kurulmaz.
update-notice-available = { $version } sürümü kullanılabilir
update-notice-refused = Güncelleme denetimi bir sorun buldu
update-title = Güncellemeler
update-checking = İmzalı sürüm listesi Tor aracılığıyla isteniyor…
update-up-to-date = Güncel: { $current } kullanıyorsunuz, en son sürüm { $latest }.
update-available = { $version } sürümü kullanılabilir ({ $megabytes } MB).
update-available-next = Hiçbir şey indirilmedi. Almak için "tor-messenger-launcher download" komutunu çalıştırın: yeni paketi Tor üzerinden indirir ve yalnızca boyutu, sağlama toplamı ve imzası doğruysa saklar. Ardından Tor Messenger'ı kapatın, paketi yeni bir klasöre açın ve hesaplarınızı ve anahtarlarınızı korumak için Data klasörünüzü oraya taşıyın.
update-refused = Güncelleme bilgisi reddedildi.
update-close = Kapat
update-unreachable = Güncelleme bilgisi Tor üzerinden alınamadı ({ $detail }). Daha sonra yeniden deneyin.
update-expired = İmzalı sürüm listesinin süresi { $expires } tarihinde doldu. Biri yeni sürümleri sizden saklıyor olabilir ya da bilgisayarınızın saati yanlış. Tarihi denetleyin ve daha sonra yeniden deneyin.
update-rollback-sequence = Sürüm listesi (numara { $got }) daha önce görülen bir listeden (numara { $seen }) eski. Biri size bilinen açıkları olan eski bir sürüm kurdurmaya çalışıyor olabilir: buna göre güncellemeyin.
update-rollback-version = Sürüm listesi { $got } sürümünü sunuyor; bu, daha önce sunulan { $seen } sürümünden düşük. Biri size eski bir sürüm kurdurmaya çalışıyor olabilir: buna göre güncellemeyin.
update-conflicting = Sürüm listesi, aynı numarayla daha önce görülenden farklı. Değiştirilmiş olabilir: buna göre güncellemeyin ve daha sonra yeniden deneyin.
update-unknown-key = Sürüm listesi, Tor Messenger yayın anahtarı olmayan { $key } anahtarıyla imzalanmış. Ona güvenmeyin.
update-bad-signature = Sürüm listesinin imzası uyuşmuyor. Değiştirilmiş veya bozulmuş olabilir: ona güvenmeyin ve daha sonra yeniden deneyin.
update-wrong-software = Sürüm listesi başka bir yazılım ya da kanal için. Reddedildi.
update-wrong-platform = Sürüm listesinde bu bilgisayar için geçerli bir sürüm yok. Reddedildi.
update-too-large = Sunucu, bir sürüm listesinin olabileceğinden çok daha fazla veri gönderdi. Durduruldu ve reddedildi.
update-malformed = Sürüm listesi imzalı ama okunamıyor. Reddedildi; daha sonra yeniden deneyin.
update-other = Güncelleme bilgisi reddedildi: { $detail }
update-state-file = Profilinizdeki önceki denetimlerin kaydı kullanılamıyor: { $detail }

account-sasl = Giriş (SASL)
account-sasl-automatic = Otomatik (sunucunun sunduğu en güvenli yol)
account-sasl-plain = Parola (PLAIN, yalnızca şifreli bağlantıda)
account-sasl-scram = Parola kanıtı (SCRAM-SHA-256)
account-sasl-external = İstemci sertifikası (EXTERNAL)
account-sasl-ecdsa = Sertifika anahtarı (ECDSA-NIST256P-CHALLENGE)
account-sasl-off = SASL yok (parola NickServ'e, yalnızca TLS ile)
account-certificate = İstemci sertifikası
account-certificate-none = Yok
account-certificate-generate = Bu hesap için bir tane oluştur
account-certificate-import = PEM dosyalarını içe aktar
account-certificate-file = Sertifika dosyası (PEM)
account-certificate-key-file = Anahtar dosyası (ayrıysa)
account-certificate-created = { $account } için istemci sertifikası
account-certificate-register = Parolanızla giriş yapmışken ağa kaydedin, sonra bağlanın:
account-certificate-fingerprints = Parmak izleri: SHA-512 { $sha512 }, SHA-256 { $sha256 }
account-certificate-failed = Hesap eklenmedi: { $reason }
account-missing-certificate = İçe aktarılacak sertifika dosyasını girin.
account-tls-name = Sunucu sertifikasındaki ad
preset-note-libera = Tor üzerinden Libera.Chat, e-postayla (Tor olmayan bir bağlantıdan) kaydedilmiş bir hesap ve istemci sertifikasıyla giriş ister: burada bir tane oluşturun, NickServ'e kaydedin ve onion adresine bağlanın.
preset-note-oftc = OFTC Tor kullanıcılarını kabul eder. Takma adınızı NickServ'e kaydedin; OFTC sizi istemci sertifikanızdan (CertFP) veya TLS üzerinden parolanızdan tanır.
## Tor connection (connection screen, Settings > Tor connection)
connection-title = Tor'a bağlanılıyor
connection-wait-hint = Bu genellikle bir dakikadan kısa sürer. Ağınız Tor'u engelliyorsa şimdi bir köprü seçebilirsiniz.
connection-choose = Bağlanma yolunu seçin…
connection-stalled-title = Tor bağlanamıyor
connection-stalled-notice = Tor bağlanamıyor: bir yol seçin
connection-last-warning = Tor'un son iletisi: { $warning }
connection-choices = Yapabilecekleriniz:
connection-applying = Değişiklik Tor'a iletiliyor…
stall-clock = Bu bilgisayarın saati yanlış görünüyor. Tarih, saat ya da saat dilimi yanlışken Tor bağlanamaz: bunları sistem ayarlarından düzeltin.
stall-transport = Tor Messenger'ın { $transport } programı başlayamadı ya da durdu. Tor Messenger'ı yeniden açın (güvenlik yazılımları bazen onu siler ya da engeller) veya aşağıdan başka bir yol seçin.
stall-transport-unknown = Bir takılabilir aktarım programı başlayamadı ya da durdu. Tor Messenger'ı yeniden açın veya aşağıdan başka bir yol seçin.
stall-snowflake-broker = Snowflake, gönüllü vekil sunucuları bulduğu aracısına ulaşamıyor: ağınız onu engelliyor olabilir. obfs4 köprülerini ya da bir tanıdıktan alınan köprüleri deneyin.
stall-bridges = Kullanılan köprüler yanıt vermiyor: çevrim dışı ya da engellenmiş olabilirler veya bir satır kopyalanırken kesilmiş olabilir. Başka köprüler deneyin.
stall-blocked = Tor ağına bağlantılar reddediliyor ya da kesiliyor: ağınız büyük olasılıkla Tor'u engelliyor. Bir köprü, Tor kullandığınızı gizler.
stall-no-answer = Tor, Tor ağından yanıt alamıyor: ağınız Tor'u sessizce engelliyor olabilir ya da çok yavaş.
choice-snowflake = Yerleşik snowflake köprülerini kullan
choice-snowflake-hint = Snowflake kısa ömürlü gönüllü vekil sunucular üzerinden geçer; çoğu yerde çalışır.
choice-obfs4 = Yerleşik obfs4 köprülerini kullan
choice-obfs4-hint = obfs4, Tor trafiğini rastgele baytlar gibi gösterir; bazı ülkelerde sansürcüler yerleşik köprüleri bilir.
choice-own = Köprülerimi kullan ({ $count })
choice-enter = Köprü gir…
choice-enter-hint = Köprüleri bridges.torproject.org adresinden (ya da bridges@torproject.org adresine e-postayla) veya bir tanıdıktan alın ve buraya her satıra bir tane olacak şekilde yapıştırın.
choice-enter-placeholder = obfs4 192.0.2.1:443 PARMAKİZİ cert=… iat-mode=0
choice-enter-apply = Bu köprüleri kullan
choice-direct = Köprüsüz bağlan
choice-wait = Beklemeye devam et
change-failed-unavailable = Tor çalışmıyor, bu yüzden hiçbir şey değiştirilmedi.
change-failed-refused = Tor değişikliği reddetti, bu yüzden hiçbir şey değiştirilmedi: { $reason }
change-failed-transport = Tor Messenger'da { $transport } programı eksik: onu yeniden açın. Hiçbir şey değiştirilmedi.
change-failed-no-own = Henüz kendi köprünüz yok: önce birkaç tane girin.
change-failed-not-kept = Tor köprülerinizi kullanıyor, ancak sonrası için saklanamadılar: { $reason }
bridge-error = Köprü “{ $line }”: { $problem }. Hiçbir şey değiştirilmedi.
bridge-error-numbered = Satır { $number } (“{ $line }”): { $problem }. Hiçbir şey değiştirilmedi.
bridge-problem-empty = hiç köprü satırı yok
bridge-problem-control = köprü satırında bulunamayacak bir karakter içeriyor
bridge-problem-transport = Tor Messenger'da “{ $name }” aktarımı yok (obfs4 ve snowflake var)
bridge-problem-address = “{ $text }”, 192.0.2.1:443 gibi bağlantı noktalı bir IP adresi değil
bridge-problem-fingerprint = “{ $text }” parmak izi 40 onaltılık rakamdan oluşmuyor
bridge-problem-cert = cert= kısmı geçerli bir obfs4 sertifikası değil; satır kopyalanırken kesildi mi?
bridge-problem-missing = { $text }= kısmı eksik
bridge-problem-argument = “{ $text }” bu satırda doğru değil
bridge-problem-other = bu, Tor Messenger'ın kullanabileceği bir köprü satırı değil
tor-settings-title = Tor bağlantısı
tor-settings-unknown = Tor'un hangi köprüleri kullandığını bildirmesi bekleniyor…
tor-settings-direct = Tor köprü olmadan doğrudan bağlanıyor.
tor-settings-built-in = Tor yerleşik { $transport } köprülerini kullanıyor ({ $count }).
tor-settings-custom = Tor sizin köprülerinizi kullanıyor ({ $count }):
tor-settings-change = Tor'un nasıl bağlanacağını değiştirin:
tor-settings-note = Değişiklikler çalışan Tor'a hemen gider ve Tor bunları bir sonraki başlangıcı için saklar.
settings-page-general = Genel
members-logged-in-as = { $account } olarak giriş yaptı
