# Tor Messenger: deutsche Texte.

app-title = Tor Messenger

## First run
first-run-title = Willkommen bei Tor Messenger
first-run-protects = Tor Messenger leitet alles über Tor, damit die Chat-Server nicht erfahren, wo Sie sind, und verschlüsselt Ihre privaten Unterhaltungen mit OTR, damit die Server sie nicht lesen können.
first-run-limits = Es verbirgt nicht, mit wem Sie sprechen: Die Server sehen weiterhin, welche Konten wann miteinander schreiben.
first-run-continue = Verstanden, weiter

## Top bar
nav-chats = Unterhaltungen
nav-accounts = Konten
nav-settings = Einstellungen

## Tor
tor-bootstrapping = Verbindung mit dem Tor-Netzwerk: { $progress } %
tor-ready = Mit Tor verbunden
tor-unavailable = Tor läuft nicht. Starten Sie Tor Messenger über seinen Starter neu; wenn das wieder passiert, prüfen Sie, ob eine Firewall Programme auf diesem Computer blockiert.

## Accounts
accounts-title = Ihre Konten
accounts-empty = Noch kein Konto. Fügen Sie unten eines hinzu; nichts verbindet sich, bevor Sie auf „Verbinden“ drücken.
account-add-title = Konto hinzufügen
account-protocol = Art
account-protocol-irc = IRC
account-protocol-xmpp = XMPP (Jabber)
account-preset = Server
account-preset-custom = Anderer Server
account-preset-recommended = empfohlen
account-label = Angezeigter Name
account-server = Serveradresse
account-port = Port
account-use-onion = Die .onion-Adresse des Servers verwenden
account-tls = Verbindung zum Server verschlüsseln (TLS)
account-nick = Spitzname
account-jid = Adresse (name@server)
account-password = Passwort
account-remember-password = Passwort in diesem Profil speichern
account-add = Konto hinzufügen
account-register-throwaway = Wegwerfkonto auf diesem Server anlegen
account-register-hint = Ein neues, zufälliges Konto wird über Tor auf dem Server registriert. Einmal benutzen und vergessen.
account-missing-server = Bitte geben Sie eine Serveradresse ein.
account-missing-user = Bitte geben Sie einen Spitznamen oder eine Adresse ein.
account-bad-port = Der Port muss eine Zahl zwischen 1 und 65535 sein.
account-connect = Verbinden
account-disconnect = Trennen
account-state-offline = Offline
account-state-connecting = Verbinde …
account-state-online = Online als { $name }
account-state-reconnecting = Verbindung verloren, neuer Versuch in { $seconds } s
account-state-failed = Nicht verbunden
account-waiting-for-tor = Warte auf Tor; erst dann kann eine Verbindung aufgebaut werden.

## Problems
problem-pin-mismatch = Der Server hat ein anderes Zertifikat vorgelegt als das, das dieses Paket erwartet. Jemand könnte die Verbindung abfangen, oder der Server hat sein Zertifikat gewechselt. Melden Sie sich nicht an; prüfen Sie die Ankündigungen des Servers von einem anderen Gerät aus.
problem-tls = Es konnte keine sichere Verbindung zum Server hergestellt werden. Prüfen Sie Serveradresse und Port; es wurde nichts gesendet.
problem-auth = Der Server hat Name oder Passwort abgelehnt. Prüfen Sie beides in diesem Konto und verbinden Sie sich erneut.
problem-tor-down = Tor ist nicht erreichbar, daher kann nichts gesendet werden. Starten Sie Tor Messenger über seinen Starter neu.
problem-connection-lost = Die Verbindung zum Server ist abgebrochen. Tor Messenger versucht es von selbst erneut.
problem-server-says = Der Server meldet ein Problem: { $detail }

## Contacts and channels
contacts-title = Unterhaltungen
contacts-none = Noch keine Unterhaltung. Verbinden Sie ein Konto und treten Sie dann einem Raum bei oder schreiben Sie einem Kontakt.
contacts-online = online
contacts-offline = offline
contacts-unread = { $count ->
    [one] 1 ungelesen
   *[other] { $count } ungelesen
}
open-title = Unterhaltung beginnen
open-room = Raum oder Kanal
open-contact = Kontakt
open-join = Beitreten
open-write = Schreiben
open-pick-account = Konto

## Conversation
conversation-none = Wählen Sie links eine Unterhaltung.
conversation-close = Schließen
message-me = ich
message-failed = nicht gesendet
message-pending = wird gesendet …
message-input-hint = Nachricht schreiben und Eingabetaste drücken
message-send = Senden
members-title = { $count ->
    [one] 1 Mitglied
   *[other] { $count } Mitglieder
}
topic = Thema: { $topic }
room-not-private = Räume sind nie privat: Alle im Raum und der Server können mitlesen.

## OTR
otr-not-private = Nicht privat
otr-unverified = Privat, nicht überprüft
otr-verified = Privat und überprüft
otr-finished = Private Unterhaltung beendet
otr-explain-not-private = Der Server kann diese Nachrichten lesen.
otr-explain-unverified = Verschlüsselt, aber Sie haben nicht bestätigt, wer am anderen Ende ist.
otr-explain-verified = Verschlüsselt, und Sie haben die Identität Ihres Kontakts bestätigt.
otr-explain-finished = Ihr Kontakt hat die private Unterhaltung beendet. Nichts wird gesendet, bis Sie sie beenden oder erneuern.
otr-start = Private Unterhaltung beginnen
otr-refresh = Private Unterhaltung erneuern
otr-end = Private Unterhaltung beenden
otr-verify = Identität des Kontakts überprüfen
otr-unrecognized = { $contact } benutzt einen Computer, den Sie noch nicht gesehen haben. Überprüfen Sie die Identität, bevor Sie etwas Vertrauliches teilen.
otr-generating-key = Ihr privater Schlüssel wird erzeugt; das dauert einen Moment …
otr-verifying = Identität Ihres Kontakts wird geprüft: Schritt { $step } von { $of }
otr-verify-success = Die Identität Ihres Kontakts ist bestätigt.
otr-verify-failure = Die Identitätsprüfung ist fehlgeschlagen: Die Antworten stimmten nicht überein. Ihr Kontakt ist vielleicht nicht, wer er zu sein vorgibt.
otr-blocked-plaintext = Diese Nachricht wurde nicht gesendet: Für diesen Kontakt ist Verschlüsselung vorgeschrieben, und die Unterhaltung ist noch nicht privat.
otr-peer-asks = Ihr Kontakt möchte Ihre Identität überprüfen.

## Verify dialog
verify-title = Identität des Kontakts überprüfen
verify-how = Wie möchten Sie überprüfen?
verify-method-question = Frage und Antwort
verify-method-secret = Gemeinsames Geheimnis
verify-method-fingerprint = Fingerabdrücke vergleichen
verify-question-hint = Stellen Sie eine Frage, die nur Ihr Kontakt beantworten kann. Die Antwort wird nie gesendet; OTR prüft nur, ob beide Antworten übereinstimmen.
verify-question = Frage
verify-answer = Antwort
verify-secret-hint = Geben Sie ein Geheimnis ein, das Sie vorher vereinbart haben, persönlich oder über einen anderen sicheren Weg.
verify-secret = Gemeinsames Geheimnis
verify-fingerprint-hint = Vergleichen Sie diese Fingerabdrücke mit Ihrem Kontakt über einen anderen Weg (persönlich oder am Telefon).
verify-your-fingerprint = Ihr Fingerabdruck
verify-their-fingerprint = Fingerabdruck Ihres Kontakts
verify-fingerprint-unknown = noch unbekannt: Beginnen Sie zuerst eine private Unterhaltung
verify-fingerprint-matches = Ich habe es geprüft: Der Fingerabdruck stimmt überein
verify-start = Überprüfen
verify-cancel = Abbrechen
verify-peer-question = Ihr Kontakt fragt: { $question }
verify-peer-secret = Ihr Kontakt fragt nach dem Geheimnis, das Sie teilen.
verify-respond = Antworten

## Settings
settings-title = Einstellungen
settings-require-encryption = Verschlüsselung bei allen Kontakten verlangen
settings-require-encryption-hint = An einen Kontakt, für den Verschlüsselung verlangt wird, wird nie etwas unverschlüsselt gesendet.
settings-require-contact = Verschlüsselung bei diesem Kontakt verlangen
settings-otr-v3 = OTR Version 3 erlauben (neuere Programme; Version 2 bleibt erlaubt)
settings-language = Sprache
settings-theme = Erscheinungsbild
settings-theme-light = Hell
settings-theme-dark = Dunkel
settings-font-size = Textgröße
settings-saved-note = Einstellungen werden im Profilordner dieses Pakets gespeichert. Unterhaltungen werden nie gespeichert.
message-preview-hint = So wird Ihre Nachricht angezeigt
nav-menu = Menü

## Konto entfernen
account-remove = Entfernen…
account-remove-title = { $account } entfernen?
account-remove-explain = Die Verbindung des Kontos wird getrennt und es wird aus diesem Profil entfernt. Seine Unterhaltungen werden geschlossen. Das Konto selbst besteht auf seinem Server weiter.
account-remove-forget-otr = Auch den OTR-Schlüssel dieses Kontos und die Fingerabdrücke seiner Kontakte löschen (kann nicht rückgängig gemacht werden)
account-remove-confirm = Konto entfernen
account-remove-otr-problem = Der OTR-Schlüssel wurde nicht gelöscht

## Wegwerfkonto
register-creating = Ein Wegwerfkonto wird über Tor auf { $server } angelegt; das kann eine Minute dauern…
register-created = Das Wegwerfkonto { $address } wurde angelegt und zu Ihren Konten hinzugefügt. Drücken Sie „Verbinden“, um es zu nutzen.
register-dismiss = OK
register-failed = Auf { $server } wurde kein Konto angelegt.
register-failed-unknown-server = Es wurde kein Wegwerfkonto angelegt.
register-failed-reason = Was passiert ist: { $reason }
register-failed-next = Es wurde nichts hinzugefügt. Versuchen Sie es in einigen Minuten erneut oder wählen Sie einen anderen Server aus der Liste; verlangt der Server eine E-Mail-Adresse oder ein CAPTCHA, legen Sie das Konto auf seiner Website an.

## Aktualisierungen
update-check = Nach Aktualisierungen suchen
update-not-configured = Diese Ausgabe weiß nicht, wo sie nach Aktualisierungen suchen soll. Prüfen Sie auf der Website von Tor Messenger, in einem Browser, dem Sie vertrauen, ob es eine neuere Version gibt.
update-periodic = Einmal täglich nach Aktualisierungen suchen, solange Tor Messenger läuft
update-periodic-hint = Es erscheint nur ein Hinweis; nichts wird je von selbst heruntergeladen oder installiert.
update-notice-available = Version { $version } ist verfügbar
update-notice-refused = Die Suche nach Aktualisierungen hat ein Problem gefunden
update-title = Aktualisierungen
update-checking = Die signierte Liste der Versionen wird über Tor abgefragt…
update-up-to-date = Aktuell: Sie nutzen { $current }, die neueste Version ist { $latest }.
update-available = Version { $version } ist verfügbar ({ $megabytes } MB).
update-available-next = Es wurde nichts heruntergeladen. Führen Sie dazu „tor-messenger-launcher download“ aus: Es lädt das neue Paket über Tor und behält es nur, wenn Größe, Prüfsumme und Signatur stimmen. Beenden Sie dann Tor Messenger, entpacken Sie das Paket in einen neuen Ordner und verschieben Sie Ihren Data-Ordner dorthin, um Konten und Schlüssel zu behalten.
update-refused = Die Informationen zur Aktualisierung wurden abgelehnt.
update-close = Schließen
update-unreachable = Die Informationen zur Aktualisierung konnten nicht über Tor geladen werden ({ $detail }). Versuchen Sie es später erneut.
update-expired = Die signierte Liste der Versionen ist am { $expires } abgelaufen. Jemand könnte Ihnen neuere Versionen vorenthalten, oder die Uhr Ihres Computers geht falsch. Prüfen Sie das Datum und versuchen Sie es später erneut.
update-rollback-sequence = Die Liste der Versionen ist älter (Nummer { $got }) als eine bereits gesehene (Nummer { $seen }). Jemand könnte versuchen, Ihnen eine alte Version mit bekannten Fehlern unterzuschieben: Aktualisieren Sie nicht danach.
update-rollback-version = Die Liste der Versionen bietet Version { $got } an, niedriger als die zuvor angebotene { $seen }. Jemand könnte versuchen, Ihnen eine alte Version unterzuschieben: Aktualisieren Sie nicht danach.
update-conflicting = Die Liste der Versionen unterscheidet sich von der bereits gesehenen mit derselben Nummer. Sie könnte verändert worden sein: Aktualisieren Sie nicht danach und versuchen Sie es später erneut.
update-unknown-key = Die Liste der Versionen ist mit dem Schlüssel { $key } signiert, der kein Veröffentlichungsschlüssel von Tor Messenger ist. Vertrauen Sie ihr nicht.
update-bad-signature = Die Signatur der Liste der Versionen passt nicht. Sie könnte verändert oder beschädigt worden sein: Vertrauen Sie ihr nicht und versuchen Sie es später erneut.
update-wrong-software = Die Liste der Versionen gilt für andere Software oder einen anderen Kanal. Sie wurde abgelehnt.
update-wrong-platform = Die Liste der Versionen nennt keine gültige Version für diesen Computer. Sie wurde abgelehnt.
update-too-large = Der Server hat viel mehr Daten gesendet, als eine Liste der Versionen haben kann. Der Abruf wurde gestoppt und abgelehnt.
update-malformed = Die Liste der Versionen ist signiert, aber unlesbar. Sie wurde abgelehnt; versuchen Sie es später erneut.
update-other = Die Informationen zur Aktualisierung wurden abgelehnt: { $detail }
update-state-file = Die Aufzeichnung früherer Suchen in Ihrem Profil ist nicht verwendbar: { $detail }

account-sasl = Anmeldung (SASL)
account-sasl-automatic = Automatisch (das Sicherste, was der Server anbietet)
account-sasl-plain = Passwort (PLAIN, nur verschlüsselt)
account-sasl-scram = Passwortnachweis (SCRAM-SHA-256)
account-sasl-external = Client-Zertifikat (EXTERNAL)
account-sasl-ecdsa = Zertifikatsschlüssel (ECDSA-NIST256P-CHALLENGE)
account-sasl-off = Kein SASL (Passwort an NickServ, nur über TLS)
account-certificate = Client-Zertifikat
account-certificate-none = Keines
account-certificate-generate = Für dieses Konto eines erzeugen
account-certificate-import = PEM-Dateien importieren
account-certificate-file = Zertifikatsdatei (PEM)
account-certificate-key-file = Schlüsseldatei (falls getrennt)
account-certificate-created = Client-Zertifikat von { $account }
account-certificate-register = Registriere es beim Netzwerk, während du mit deinem Passwort angemeldet bist, und verbinde dich dann:
account-certificate-fingerprints = Fingerabdrücke: SHA-512 { $sha512 }, SHA-256 { $sha256 }
account-certificate-failed = Das Konto wurde nicht hinzugefügt: { $reason }
account-missing-certificate = Gib die zu importierende Zertifikatsdatei an.
account-tls-name = Name im Zertifikat des Servers
preset-note-libera = Libera.Chat über Tor verlangt ein per E-Mail registriertes Konto (über eine Verbindung ohne Tor) und eine Anmeldung mit Client-Zertifikat: erzeuge hier eines, registriere es bei NickServ und verbinde dich mit der Onion-Adresse.
preset-note-oftc = OFTC heißt Tor-Nutzer willkommen. Registriere deinen Spitznamen bei NickServ; OFTC erkennt dich dann an deinem Client-Zertifikat (CertFP) oder an deinem Passwort über TLS.
## Tor connection (connection screen, Settings > Tor connection)
connection-title = Verbindung mit Tor wird hergestellt
connection-wait-hint = Das dauert meist weniger als eine Minute. Wenn dein Netz Tor sperrt, kannst du jetzt eine Brücke wählen.
connection-choose = Verbindungsart wählen…
connection-stalled-title = Tor kann sich nicht verbinden
connection-stalled-notice = Tor kann sich nicht verbinden: Verbindungsart wählen
connection-last-warning = Letzte Meldung von Tor: { $warning }
connection-choices = Das kannst du tun:
connection-applying = Die Änderung wird an Tor übergeben…
stall-clock = Die Uhr dieses Computers scheint falsch zu gehen. Tor kann sich nicht verbinden, solange Datum, Uhrzeit oder Zeitzone nicht stimmen: Korrigiere sie in den Systemeinstellungen.
stall-transport = Das { $transport }-Programm von Tor Messenger konnte nicht starten oder wurde beendet. Entpacke Tor Messenger erneut (Sicherheitssoftware entfernt oder blockiert es manchmal) oder wähle unten einen anderen Weg.
stall-transport-unknown = Ein Pluggable-Transport-Programm konnte nicht starten oder wurde beendet. Entpacke Tor Messenger erneut oder wähle unten einen anderen Weg.
stall-snowflake-broker = Snowflake erreicht seinen Vermittler nicht, über den es freiwillige Proxys findet: Dein Netz sperrt ihn vielleicht. Versuche obfs4-Brücken oder Brücken von Bekannten.
stall-bridges = Die verwendeten Brücken antworten nicht: Sie sind vielleicht offline oder gesperrt, oder eine Zeile wurde beim Kopieren abgeschnitten. Versuche andere Brücken.
stall-blocked = Verbindungen zum Tor-Netzwerk werden abgelehnt oder unterbrochen: Dein Netz sperrt Tor wahrscheinlich. Eine Brücke verbirgt, dass du Tor nutzt.
stall-no-answer = Tor bekommt keine Antwort vom Tor-Netzwerk: Dein Netz sperrt Tor vielleicht stillschweigend, oder es ist sehr langsam.
choice-snowflake = Eingebaute Snowflake-Brücken verwenden
choice-snowflake-hint = Snowflake läuft über kurzlebige Proxys von Freiwilligen und funktioniert an den meisten Orten.
choice-obfs4 = Eingebaute obfs4-Brücken verwenden
choice-obfs4-hint = obfs4 lässt Tors Datenverkehr wie Zufallsbytes aussehen; in manchen Ländern kennen Zensoren die eingebauten Brücken.
choice-own = Meine Brücken verwenden ({ $count })
choice-enter = Brücken eingeben…
choice-enter-hint = Brücken gibt es auf bridges.torproject.org (oder per E-Mail an bridges@torproject.org) oder von Bekannten; füge sie hier ein, eine pro Zeile.
choice-enter-placeholder = obfs4 192.0.2.1:443 FINGERABDRUCK cert=… iat-mode=0
choice-enter-apply = Diese Brücken verwenden
choice-direct = Ohne Brücken verbinden
choice-wait = Weiter warten
change-failed-unavailable = Tor läuft nicht, daher wurde nichts geändert.
change-failed-refused = Tor hat die Änderung abgelehnt, daher wurde nichts geändert: { $reason }
change-failed-transport = Das { $transport }-Programm fehlt in Tor Messenger: Entpacke es erneut. Nichts wurde geändert.
change-failed-no-own = Du hast noch keine eigenen Brücken: Gib zuerst welche ein.
change-failed-not-kept = Tor verwendet deine Brücken, aber sie konnten nicht für später gespeichert werden: { $reason }
bridge-error = Brücke „{ $line }“: { $problem }. Nichts wurde geändert.
bridge-error-numbered = Zeile { $number } („{ $line }“): { $problem }. Nichts wurde geändert.
bridge-problem-empty = es gibt keine Brückenzeile
bridge-problem-control = sie enthält ein Zeichen, das in einer Brückenzeile nicht vorkommen darf
bridge-problem-transport = Tor Messenger hat den Transport „{ $name }“ nicht (es hat obfs4 und snowflake)
bridge-problem-address = „{ $text }“ ist keine IP-Adresse mit Port wie 192.0.2.1:443
bridge-problem-fingerprint = der Fingerabdruck „{ $text }“ besteht nicht aus 40 Hexadezimalziffern
bridge-problem-cert = der Teil cert= ist kein gültiges obfs4-Zertifikat; wurde die Zeile beim Kopieren abgeschnitten?
bridge-problem-missing = der Teil { $text }= fehlt
bridge-problem-argument = „{ $text }“ ist in dieser Zeile nicht richtig
bridge-problem-other = das ist keine Brückenzeile, die Tor Messenger verwenden kann
tor-settings-title = Tor-Verbindung
tor-settings-unknown = Warte darauf, dass Tor mitteilt, welche Brücken es verwendet…
tor-settings-direct = Tor verbindet sich direkt, ohne Brücken.
tor-settings-built-in = Tor verwendet die eingebauten { $transport }-Brücken ({ $count }).
tor-settings-custom = Tor verwendet deine Brücken ({ $count }):
tor-settings-change = Ändern, wie Tor sich verbindet:
tor-settings-note = Änderungen gehen sofort an das laufende Tor, und Tor behält sie für seinen nächsten Start.
settings-page-general = Allgemein
members-logged-in-as = angemeldet als { $account }
