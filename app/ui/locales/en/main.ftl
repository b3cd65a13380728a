# Tor Messenger: English strings (the reference locale; every other locale has the same keys).

app-title = Tor Messenger

## First run
first-run-title = Welcome to Tor Messenger
first-run-protects = Tor Messenger sends everything through Tor, so the chat servers do not learn where you are, and it encrypts your private conversations with OTR so the servers cannot read them.
first-run-limits = It does not hide who you talk to: the servers still see which accounts talk to each other and when.
first-run-continue = I understand, continue

## Top bar
nav-chats = Chats
nav-accounts = Accounts
nav-settings = Settings

## Tor
tor-bootstrapping = Connecting to the Tor network: { $progress }%
tor-ready = Connected to Tor
tor-unavailable = Tor is not running. Restart Tor Messenger from its launcher; if it keeps happening, check that no firewall blocks programs on this computer.

## Accounts
accounts-title = Your accounts
accounts-empty = No account yet. Add one below; nothing connects until you press Connect.
account-add-title = Add an account
account-protocol = Type
account-protocol-irc = IRC
account-protocol-xmpp = XMPP (Jabber)
account-preset = Server
account-preset-custom = Other server
account-preset-recommended = recommended
account-label = Name shown
account-server = Server address
account-port = Port
account-use-onion = Use the server's .onion address
account-tls = Encrypt the connection to the server (TLS)
account-nick = Nickname
account-jid = Address (name@server)
account-password = Password
account-remember-password = Remember the password in this profile
account-add = Add account
account-register-throwaway = Create a throwaway account on this server
account-register-hint = A new random account is registered on the server, through Tor. Use it once and forget it.
account-missing-server = Enter a server address.
account-missing-user = Enter a nickname or address.
account-bad-port = The port must be a number between 1 and 65535.
account-connect = Connect
account-disconnect = Disconnect
account-state-offline = Offline
account-state-connecting = Connecting…
account-state-online = Online as { $name }
account-state-reconnecting = Connection lost, trying again in { $seconds } s
account-state-failed = Not connected
account-waiting-for-tor = Waiting for Tor before connecting is possible.

## Problems, in plain words, with what to do next
problem-pin-mismatch = The server presented a different certificate than the one this bundle expects. Someone may be intercepting the connection, or the server changed its certificate. Do not log in; check the server's announcements from another device.
problem-tls = A secure connection to the server could not be made. Check the server address and port; nothing was sent.
problem-auth = The server refused the name or password. Check them in this account and connect again.
problem-tor-down = Tor is not reachable, so nothing can be sent. Restart Tor Messenger from its launcher.
problem-connection-lost = The connection to the server was lost. Tor Messenger tries again by itself.
problem-server-says = The server reported a problem: { $detail }

## Contacts and channels
contacts-title = Conversations
contacts-none = No conversation yet. Connect an account, then join a room or write to a contact.
contacts-online = online
contacts-offline = offline
contacts-unread = { $count ->
    [one] 1 unread
   *[other] { $count } unread
}
open-title = Start a conversation
open-room = Room or channel
open-contact = Contact
open-join = Join
open-write = Write
open-pick-account = Account

## Conversation
conversation-none = Choose a conversation on the left.
conversation-close = Close
message-me = me
message-failed = not sent
message-pending = sending…
message-input-hint = Write a message and press Enter
message-send = Send
members-title = { $count ->
    [one] 1 member
   *[other] { $count } members
}
topic = Topic: { $topic }
room-not-private = Rooms are never private: everyone in the room and the server can read them.

## OTR
otr-not-private = Not private
otr-unverified = Private, not verified
otr-verified = Private and verified
otr-finished = Private conversation ended
otr-explain-not-private = The server can read these messages.
otr-explain-unverified = Encrypted, but you have not confirmed who is on the other end.
otr-explain-verified = Encrypted, and you confirmed your contact's identity.
otr-explain-finished = Your contact ended the private conversation. Nothing is sent until you end or refresh it.
otr-start = Start private conversation
otr-refresh = Refresh private conversation
otr-end = End private conversation
otr-verify = Verify contact's identity
otr-unrecognized = { $contact } is using a computer you have not seen before. Verify their identity before you share anything sensitive.
otr-generating-key = Creating your private key; this takes a moment…
otr-verifying = Checking your contact's identity: step { $step } of { $of }
otr-verify-success = Your contact's identity is verified.
otr-verify-failure = The identity check failed: the answers did not match. Your contact may not be who they say.
otr-blocked-plaintext = This message was not sent: this contact requires encryption and the conversation is not private yet.
otr-peer-asks = Your contact wants to verify your identity.

## Verify dialog
verify-title = Verify contact's identity
verify-how = How do you want to verify?
verify-method-question = Question and answer
verify-method-secret = Shared secret
verify-method-fingerprint = Compare fingerprints
verify-question-hint = Ask a question only your contact can answer. The answer is never sent; OTR only checks that both answers match.
verify-question = Question
verify-answer = Answer
verify-secret-hint = Enter a secret you agreed on earlier, in person or by another safe channel.
verify-secret = Shared secret
verify-fingerprint-hint = Compare these fingerprints with your contact over another channel (in person or by phone).
verify-your-fingerprint = Your fingerprint
verify-their-fingerprint = Your contact's fingerprint
verify-fingerprint-unknown = not known yet: start a private conversation first
verify-fingerprint-matches = I have checked: the fingerprint matches
verify-start = Verify
verify-cancel = Cancel
verify-peer-question = Your contact asks: { $question }
verify-peer-secret = Your contact asks for the secret you share.
verify-respond = Answer

## Settings
settings-title = Settings
settings-require-encryption = Require encryption with every contact
settings-require-encryption-hint = Nothing is ever sent unencrypted to a contact who requires encryption.
settings-require-contact = Require encryption with this contact
settings-otr-v3 = Allow OTR version 3 (newer clients; version 2 stays allowed)
settings-language = Language
settings-theme = Appearance
settings-theme-light = Light
settings-theme-dark = Dark
settings-font-size = Text size
settings-saved-note = Settings are kept in this bundle's profile folder. Conversations are never saved.
message-preview-hint = How your message will be shown
nav-menu = Menu

## Removing an account
account-remove = Remove…
account-remove-title = Remove { $account }?
account-remove-explain = The account is disconnected and removed from this profile. Your conversations on it close. The account itself still exists on its server.
account-remove-forget-otr = Also delete this account's OTR key and the fingerprints of its contacts (cannot be undone)
account-remove-confirm = Remove account
account-remove-otr-problem = The OTR key was not deleted

## Throwaway registration
register-creating = Creating a throwaway account on { $server } through Tor; this can take a minute…
register-created = The throwaway account { $address } was created and added to your accounts. Press Connect to use it.
register-dismiss = OK
register-failed = No account was created on { $server }.
register-failed-unknown-server = No throwaway account was created.
register-failed-reason = What happened: { $reason }
register-failed-next = Nothing was added. Try again in a few minutes, or choose another server in the list; if the server wants an e-mail address or a CAPTCHA, create the account on its web site instead.

## Updates
update-check = Check for updates
update-not-configured = This build does not know where to look for updates. Check the Tor Messenger website from a browser you trust for a newer version.
update-periodic = Check for updates once a day while Tor Messenger runs
update-periodic-hint = Only a notice is shown; nothing is ever downloaded or installed by itself.
update-notice-available = Version { $version } is available
update-notice-refused = The update check found a problem
update-title = Updates
update-checking = Asking for the signed list of releases through Tor…
update-up-to-date = Up to date: you run { $current }, the latest release is { $latest }.
update-available = Version { $version } is available ({ $megabytes } MB).
update-available-next = Nothing was downloaded. To get it, run “tor-messenger-launcher download”: it fetches the new bundle through Tor and keeps it only if its size, checksum and signature are right. Then quit Tor Messenger, unpack the bundle into a new folder, and move your Data folder into it to keep your accounts and keys.
update-refused = The update information was refused.
update-close = Close
update-unreachable = The update information could not be fetched through Tor ({ $detail }). Try again later.
update-expired = The signed list of releases expired on { $expires }. Someone may be hiding newer releases from you, or your computer's clock is wrong. Check the date, then try again later.
update-rollback-sequence = The list of releases is older (number { $got }) than one already seen (number { $seen }). Someone may be trying to make you install an old version with known flaws: do not update from it.
update-rollback-version = The list of releases offers version { $got }, lower than { $seen } offered before. Someone may be trying to make you install an old version: do not update from it.
update-conflicting = The list of releases differs from the one already seen with the same number. It may have been tampered with: do not update from it, and try again later.
update-unknown-key = The list of releases is signed by key { $key }, which is not a Tor Messenger release key. Do not trust it.
update-bad-signature = The signature of the list of releases does not match. It may have been tampered with or damaged: do not trust it, and try again later.
update-wrong-software = The list of releases is for other software or another release channel. It was refused.
update-wrong-platform = The list of releases names no valid release for this computer. It was refused.
update-too-large = The update server sent far more data than a list of releases can be. It was stopped and refused.
update-malformed = The list of releases is signed but cannot be read. It was refused; try again later.
update-other = The update information was refused: { $detail }
update-state-file = The record of earlier update checks in your profile cannot be used: { $detail }

account-sasl = Login (SASL)
account-sasl-automatic = Automatic (the safest the server offers)
account-sasl-plain = Password (PLAIN, only on an encrypted link)
account-sasl-scram = Password proof (SCRAM-SHA-256)
account-sasl-external = Client certificate (EXTERNAL)
account-sasl-ecdsa = Certificate key (ECDSA-NIST256P-CHALLENGE)
account-sasl-off = No SASL (password to NickServ, only over TLS)
account-certificate = Client certificate
account-certificate-none = None
account-certificate-generate = Generate one for this account
account-certificate-import = Import PEM files
account-certificate-file = Certificate file (PEM)
account-certificate-key-file = Key file (if separate)
account-certificate-created = Client certificate of { $account }
account-certificate-register = Register it with the network while logged in with your password, then connect:
account-certificate-fingerprints = Fingerprints: SHA-512 { $sha512 }, SHA-256 { $sha256 }
account-certificate-failed = The account was not added: { $reason }
account-missing-certificate = Enter the certificate file to import.
account-tls-name = Name in the server's certificate
preset-note-libera = Libera.Chat over Tor needs an account registered by email (from a connection without Tor) and a login with a client certificate: generate one here, register it with NickServ, and connect to the onion address.
preset-note-oftc = OFTC welcomes Tor users. Register your nickname with NickServ; OFTC then recognises you by your client certificate (CertFP) or your password over TLS.
## Tor connection (connection screen, Settings > Tor connection)
connection-title = Connecting to Tor
connection-wait-hint = This usually takes less than a minute. If your network blocks Tor, you can choose a bridge now.
connection-choose = Choose how to connect…
connection-stalled-title = Tor cannot connect
connection-stalled-notice = Tor cannot connect: choose how
connection-last-warning = Tor's last message: { $warning }
connection-choices = What you can do:
connection-applying = Giving the change to Tor…
stall-clock = This computer's clock seems to be wrong. Tor cannot connect while the date, time or time zone are off: correct them in the system settings.
stall-transport = The { $transport } program of Tor Messenger could not start or stopped. Unpack Tor Messenger again (security software sometimes removes or blocks it), or choose another way below.
stall-transport-unknown = A pluggable transport program could not start or stopped. Unpack Tor Messenger again, or choose another way below.
stall-snowflake-broker = Snowflake cannot reach its broker, where it finds volunteer proxies: your network may block it. Try obfs4 bridges, or bridges from a friend.
stall-bridges = The bridges in use do not answer: they may be offline or blocked, or a line was cut when copied. Try other bridges.
stall-blocked = Connections to the Tor network are refused or cut: your network probably blocks Tor. A bridge hides that you use Tor.
stall-no-answer = Tor gets no answer from the Tor network: your network may be blocking Tor silently, or it is very slow.
choice-snowflake = Use the built-in snowflake bridges
choice-snowflake-hint = Snowflake goes through short-lived volunteer proxies; it works in most places.
choice-obfs4 = Use the built-in obfs4 bridges
choice-obfs4-hint = obfs4 makes Tor's traffic look like random bytes; censors in some countries know the built-in bridges.
choice-own = Use my bridges ({ $count })
choice-enter = Enter bridges…
choice-enter-hint = Get bridges at bridges.torproject.org (or by mail to bridges@torproject.org), or from a friend, and paste them here, one per line.
choice-enter-placeholder = obfs4 192.0.2.1:443 FINGERPRINT cert=… iat-mode=0
choice-enter-apply = Use these bridges
choice-direct = Connect without bridges
choice-wait = Keep waiting
change-failed-unavailable = Tor is not running, so nothing was changed.
change-failed-refused = Tor refused the change, so nothing was changed: { $reason }
change-failed-transport = The { $transport } program is missing from Tor Messenger: unpack it again. Nothing was changed.
change-failed-no-own = You have no bridges of your own yet: enter some first.
change-failed-not-kept = Tor uses your bridges, but they could not be kept for later: { $reason }
bridge-error = Bridge “{ $line }”: { $problem }. Nothing was changed.
bridge-error-numbered = Line { $number } (“{ $line }”): { $problem }. Nothing was changed.
bridge-problem-empty = there is no bridge line
bridge-problem-control = it contains a character that cannot be in a bridge line
bridge-problem-transport = Tor Messenger does not have the “{ $name }” transport (it has obfs4 and snowflake)
bridge-problem-address = “{ $text }” is not an IP address with a port, such as 192.0.2.1:443
bridge-problem-fingerprint = the fingerprint “{ $text }” is not 40 hexadecimal digits
bridge-problem-cert = the cert= part is not a valid obfs4 certificate; was the line cut short when copied?
bridge-problem-missing = the { $text }= part is missing
bridge-problem-argument = “{ $text }” is not right in this line
bridge-problem-other = this is not a bridge line Tor Messenger can use
tor-settings-title = Tor connection
tor-settings-unknown = Waiting for Tor to tell which bridges it uses…
tor-settings-direct = Tor connects directly, without bridges.
tor-settings-built-in = Tor uses the built-in { $transport } bridges ({ $count }).
tor-settings-custom = Tor uses your bridges ({ $count }):
tor-settings-change = Change how Tor connects:
tor-settings-note = Changes go to the running Tor at once, and Tor keeps them for its next start.
settings-page-general = General
members-logged-in-as = logged in as { $account }
