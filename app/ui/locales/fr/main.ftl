# Tor Messenger : textes français.

app-title = Tor Messenger

## First run
first-run-title = Bienvenue dans Tor Messenger
first-run-protects = Tor Messenger fait passer tout par Tor, pour que les serveurs de discussion ne sachent pas où vous êtes, et chiffre vos conversations privées avec OTR, pour que les serveurs ne puissent pas les lire.
first-run-limits = Il ne cache pas avec qui vous parlez : les serveurs voient toujours quels comptes échangent entre eux, et quand.
first-run-continue = J'ai compris, continuer

## Top bar
nav-chats = Conversations
nav-accounts = Comptes
nav-settings = Paramètres

## Tor
tor-bootstrapping = Connexion au réseau Tor : { $progress } %
tor-ready = Connecté à Tor
tor-unavailable = Tor ne fonctionne pas. Redémarrez Tor Messenger depuis son lanceur ; si cela se reproduit, vérifiez qu'aucun pare-feu ne bloque les programmes de cet ordinateur.

## Accounts
accounts-title = Vos comptes
accounts-empty = Aucun compte pour l'instant. Ajoutez-en un ci-dessous ; rien ne se connecte avant que vous appuyiez sur « Se connecter ».
account-add-title = Ajouter un compte
account-protocol = Type
account-protocol-irc = IRC
account-protocol-xmpp = XMPP (Jabber)
account-preset = Serveur
account-preset-custom = Autre serveur
account-preset-recommended = recommandé
account-label = Nom affiché
account-server = Adresse du serveur
account-port = Port
account-use-onion = Utiliser l'adresse .onion du serveur
account-tls = Chiffrer la connexion au serveur (TLS)
account-nick = Pseudonyme
account-jid = Adresse (nom@serveur)
account-password = Mot de passe
account-remember-password = Mémoriser le mot de passe dans ce profil
account-add = Ajouter le compte
account-register-throwaway = Créer un compte jetable sur ce serveur
account-register-hint = Un nouveau compte aléatoire est enregistré sur le serveur, via Tor. Utilisez-le une fois, puis oubliez-le.
account-missing-server = Saisissez l'adresse d'un serveur.
account-missing-user = Saisissez un pseudonyme ou une adresse.
account-bad-port = Le port doit être un nombre entre 1 et 65535.
account-connect = Se connecter
account-disconnect = Se déconnecter
account-state-offline = Hors ligne
account-state-connecting = Connexion…
account-state-online = En ligne en tant que { $name }
account-state-reconnecting = Connexion perdue, nouvel essai dans { $seconds } s
account-state-failed = Non connecté
account-waiting-for-tor = En attente de Tor avant de pouvoir se connecter.

## Problems
problem-pin-mismatch = Le serveur a présenté un certificat différent de celui qu'attend ce paquet. Quelqu'un intercepte peut-être la connexion, ou le serveur a changé de certificat. Ne vous connectez pas ; vérifiez les annonces du serveur depuis un autre appareil.
problem-tls = Impossible d'établir une connexion sécurisée avec le serveur. Vérifiez l'adresse et le port ; rien n'a été envoyé.
problem-auth = Le serveur a refusé le nom ou le mot de passe. Vérifiez-les dans ce compte et reconnectez-vous.
problem-tor-down = Tor est injoignable, rien ne peut donc être envoyé. Redémarrez Tor Messenger depuis son lanceur.
problem-connection-lost = La connexion au serveur a été perdue. Tor Messenger réessaie tout seul.
problem-server-says = Le serveur signale un problème : { $detail }

## Contacts and channels
contacts-title = Conversations
contacts-none = Aucune conversation pour l'instant. Connectez un compte, puis rejoignez un salon ou écrivez à un contact.
contacts-online = en ligne
contacts-offline = hors ligne
contacts-unread = { $count ->
    [one] 1 non lu
   *[other] { $count } non lus
}
open-title = Commencer une conversation
open-room = Salon ou canal
open-contact = Contact
open-join = Rejoindre
open-write = Écrire
open-pick-account = Compte

## Conversation
conversation-none = Choisissez une conversation à gauche.
conversation-close = Fermer
message-me = moi
message-failed = non envoyé
message-pending = envoi…
message-input-hint = Écrivez un message et appuyez sur Entrée
message-send = Envoyer
members-title = { $count ->
    [one] 1 membre
   *[other] { $count } membres
}
topic = Sujet : { $topic }
room-not-private = Les salons ne sont jamais privés : tous les participants et le serveur peuvent les lire.

## OTR
otr-not-private = Non privée
otr-unverified = Privée, non vérifiée
otr-verified = Privée et vérifiée
otr-finished = Conversation privée terminée
otr-explain-not-private = Le serveur peut lire ces messages.
otr-explain-unverified = Chiffrée, mais vous n'avez pas confirmé qui se trouve de l'autre côté.
otr-explain-verified = Chiffrée, et vous avez confirmé l'identité de votre contact.
otr-explain-finished = Votre contact a mis fin à la conversation privée. Rien n'est envoyé tant que vous ne la terminez pas ou ne la relancez pas.
otr-start = Démarrer une conversation privée
otr-refresh = Relancer la conversation privée
otr-end = Terminer la conversation privée
otr-verify = Vérifier l'identité du contact
otr-unrecognized = { $contact } utilise un ordinateur que vous n'avez jamais vu. Vérifiez son identité avant de partager quoi que ce soit de sensible.
otr-generating-key = Création de votre clé privée ; cela prend un instant…
otr-verifying = Vérification de l'identité de votre contact : étape { $step } sur { $of }
otr-verify-success = L'identité de votre contact est vérifiée.
otr-verify-failure = La vérification a échoué : les réponses ne correspondent pas. Votre contact n'est peut-être pas celui qu'il prétend être.
otr-blocked-plaintext = Ce message n'a pas été envoyé : ce contact exige le chiffrement et la conversation n'est pas encore privée.
otr-peer-asks = Votre contact veut vérifier votre identité.

## Verify dialog
verify-title = Vérifier l'identité du contact
verify-how = Comment voulez-vous vérifier ?
verify-method-question = Question et réponse
verify-method-secret = Secret partagé
verify-method-fingerprint = Comparer les empreintes
verify-question-hint = Posez une question à laquelle seul votre contact peut répondre. La réponse n'est jamais envoyée ; OTR vérifie seulement que les deux réponses concordent.
verify-question = Question
verify-answer = Réponse
verify-secret-hint = Saisissez un secret convenu auparavant, en personne ou par un autre moyen sûr.
verify-secret = Secret partagé
verify-fingerprint-hint = Comparez ces empreintes avec votre contact par un autre moyen (en personne ou par téléphone).
verify-your-fingerprint = Votre empreinte
verify-their-fingerprint = Empreinte de votre contact
verify-fingerprint-unknown = pas encore connue : démarrez d'abord une conversation privée
verify-fingerprint-matches = J'ai vérifié : l'empreinte correspond
verify-start = Vérifier
verify-cancel = Annuler
verify-peer-question = Votre contact demande : { $question }
verify-peer-secret = Votre contact demande le secret que vous partagez.
verify-respond = Répondre

## Settings
settings-title = Paramètres
settings-require-encryption = Exiger le chiffrement avec tous les contacts
settings-require-encryption-hint = Rien n'est jamais envoyé en clair à un contact pour qui le chiffrement est exigé.
settings-require-contact = Exiger le chiffrement avec ce contact
settings-otr-v3 = Autoriser OTR version 3 (clients récents ; la version 2 reste autorisée)
settings-language = Langue
settings-theme = Apparence
settings-theme-light = Clair
settings-theme-dark = Sombre
settings-font-size = Taille du texte
settings-saved-note = Les paramètres sont conservés dans le dossier de profil de ce paquet. Les conversations ne sont jamais enregistrées.
message-preview-hint = Voici comment votre message sera affiché
nav-menu = Menu

## Supprimer un compte
account-remove = Supprimer…
account-remove-title = Supprimer { $account } ?
account-remove-explain = Le compte est déconnecté et retiré de ce profil. Ses conversations se ferment. Le compte lui-même existe toujours sur son serveur.
account-remove-forget-otr = Supprimer aussi la clé OTR de ce compte et les empreintes de ses contacts (irréversible)
account-remove-confirm = Supprimer le compte
account-remove-otr-problem = La clé OTR n'a pas été supprimée

## Compte jetable
register-creating = Création d'un compte jetable sur { $server } via Tor ; cela peut prendre une minute…
register-created = Le compte jetable { $address } a été créé et ajouté à vos comptes. Appuyez sur « Se connecter » pour l'utiliser.
register-dismiss = OK
register-failed = Aucun compte n'a été créé sur { $server }.
register-failed-unknown-server = Aucun compte jetable n'a été créé.
register-failed-reason = Ce qui s'est passé : { $reason }
register-failed-next = Rien n'a été ajouté. Réessayez dans quelques minutes ou choisissez un autre serveur de la liste ; si le serveur demande une adresse e-mail ou un CAPTCHA, créez le compte sur son site web.

## Mises à jour
update-check = Rechercher des mises à jour
update-not-configured = Cette version ne sait pas où chercher les mises à jour. Consultez le site de Tor Messenger, dans un navigateur de confiance, pour savoir s'il existe une version plus récente.
update-periodic = Rechercher des mises à jour une fois par jour pendant que Tor Messenger tourne
update-periodic-hint = Seul un avis s'affiche ; rien n'est jamais téléchargé ni installé tout seul.
update-notice-available = La version { $version } est disponible
update-notice-refused = La recherche de mises à jour a trouvé un problème
update-title = Mises à jour
update-checking = Demande de la liste signée des versions via Tor…
update-up-to-date = À jour : vous utilisez { $current }, la dernière version est { $latest }.
update-available = La version { $version } est disponible ({ $megabytes } Mo).
update-available-next = Rien n'a été téléchargé. Pour l'obtenir, lancez « tor-messenger-launcher download » : il télécharge le nouveau paquet via Tor et ne le garde que si sa taille, sa somme de contrôle et sa signature sont correctes. Quittez ensuite Tor Messenger, décompressez le paquet dans un nouveau dossier et déplacez-y votre dossier Data pour garder vos comptes et vos clés.
update-refused = Les informations de mise à jour ont été refusées.
update-close = Fermer
update-unreachable = Les informations de mise à jour n'ont pas pu être obtenues via Tor ({ $detail }). Réessayez plus tard.
update-expired = La liste signée des versions a expiré le { $expires }. Quelqu'un vous cache peut-être des versions plus récentes, ou l'horloge de votre ordinateur est fausse. Vérifiez la date, puis réessayez plus tard.
update-rollback-sequence = La liste des versions est plus ancienne (numéro { $got }) qu'une liste déjà vue (numéro { $seen }). Quelqu'un essaie peut-être de vous faire installer une ancienne version aux failles connues : ne mettez pas à jour à partir d'elle.
update-rollback-version = La liste des versions propose la version { $got }, inférieure à la { $seen } proposée auparavant. Quelqu'un essaie peut-être de vous faire installer une ancienne version : ne mettez pas à jour à partir d'elle.
update-conflicting = La liste des versions diffère de celle déjà vue avec le même numéro. Elle a peut-être été modifiée : ne mettez pas à jour à partir d'elle et réessayez plus tard.
update-unknown-key = La liste des versions est signée par la clé { $key }, qui n'est pas une clé de publication de Tor Messenger. Ne lui faites pas confiance.
update-bad-signature = La signature de la liste des versions ne correspond pas. Elle a peut-être été modifiée ou abîmée : ne lui faites pas confiance et réessayez plus tard.
update-wrong-software = La liste des versions concerne un autre logiciel ou un autre canal. Elle a été refusée.
update-wrong-platform = La liste des versions ne nomme aucune version valable pour cet ordinateur. Elle a été refusée.
update-too-large = Le serveur a envoyé bien plus de données qu'une liste de versions ne peut en contenir. Le transfert a été arrêté et refusé.
update-malformed = La liste des versions est signée mais illisible. Elle a été refusée ; réessayez plus tard.
update-other = Les informations de mise à jour ont été refusées : { $detail }
update-state-file = L'historique des recherches de mises à jour dans votre profil est inutilisable : { $detail }

account-sasl = Connexion (SASL)
account-sasl-automatic = Automatique (le plus sûr que propose le serveur)
account-sasl-plain = Mot de passe (PLAIN, seulement chiffré)
account-sasl-scram = Preuve du mot de passe (SCRAM-SHA-256)
account-sasl-external = Certificat client (EXTERNAL)
account-sasl-ecdsa = Clé du certificat (ECDSA-NIST256P-CHALLENGE)
account-sasl-off = Pas de SASL (mot de passe à NickServ, seulement via TLS)
account-certificate = Certificat client
account-certificate-none = Aucun
account-certificate-generate = En générer un pour ce compte
account-certificate-import = Importer des fichiers PEM
account-certificate-file = Fichier du certificat (PEM)
account-certificate-key-file = Fichier de la clé (s'il est séparé)
account-certificate-created = Certificat client de { $account }
account-certificate-register = Enregistrez-le auprès du réseau en étant identifié avec votre mot de passe, puis connectez-vous :
account-certificate-fingerprints = Empreintes : SHA-512 { $sha512 }, SHA-256 { $sha256 }
account-certificate-failed = Le compte n'a pas été ajouté : { $reason }
account-missing-certificate = Indiquez le fichier du certificat à importer.
account-tls-name = Nom dans le certificat du serveur
preset-note-libera = Libera.Chat via Tor exige un compte enregistré par e-mail (depuis une connexion sans Tor) et une connexion par certificat client : générez-en un ici, enregistrez-le auprès de NickServ et connectez-vous à l'adresse onion.
preset-note-oftc = OFTC accueille les utilisateurs de Tor. Enregistrez votre pseudo auprès de NickServ ; OFTC vous reconnaît ensuite à votre certificat client (CertFP) ou à votre mot de passe via TLS.
## Tor connection (connection screen, Settings > Tor connection)
connection-title = Connexion à Tor
connection-wait-hint = Cela prend en général moins d’une minute. Si votre réseau bloque Tor, vous pouvez choisir un pont dès maintenant.
connection-choose = Choisir comment se connecter…
connection-stalled-title = Tor n’arrive pas à se connecter
connection-stalled-notice = Tor n’arrive pas à se connecter : choisissez comment
connection-last-warning = Dernier message de Tor : { $warning }
connection-choices = Ce que vous pouvez faire :
connection-applying = Transmission du changement à Tor…
stall-clock = L’horloge de cet ordinateur semble fausse. Tor ne peut pas se connecter tant que la date, l’heure ou le fuseau horaire sont erronés : corrigez-les dans les réglages du système.
stall-transport = Le programme { $transport } de Tor Messenger n’a pas pu démarrer ou s’est arrêté. Décompressez à nouveau Tor Messenger (un logiciel de sécurité le supprime ou le bloque parfois), ou choisissez une autre voie ci-dessous.
stall-transport-unknown = Un programme de transport enfichable n’a pas pu démarrer ou s’est arrêté. Décompressez à nouveau Tor Messenger, ou choisissez une autre voie ci-dessous.
stall-snowflake-broker = Snowflake n’atteint pas son courtier, où il trouve des proxys bénévoles : votre réseau le bloque peut-être. Essayez des ponts obfs4, ou des ponts donnés par un proche.
stall-bridges = Les ponts utilisés ne répondent pas : ils sont peut-être hors ligne ou bloqués, ou une ligne a été tronquée en la copiant. Essayez d’autres ponts.
stall-blocked = Les connexions au réseau Tor sont refusées ou coupées : votre réseau bloque probablement Tor. Un pont cache que vous utilisez Tor.
stall-no-answer = Tor ne reçoit aucune réponse du réseau Tor : votre réseau bloque peut-être Tor en silence, ou il est très lent.
choice-snowflake = Utiliser les ponts snowflake intégrés
choice-snowflake-hint = Snowflake passe par des proxys bénévoles éphémères ; il fonctionne dans la plupart des endroits.
choice-obfs4 = Utiliser les ponts obfs4 intégrés
choice-obfs4-hint = obfs4 fait ressembler le trafic de Tor à des octets aléatoires ; dans certains pays, les censeurs connaissent les ponts intégrés.
choice-own = Utiliser mes ponts ({ $count })
choice-enter = Saisir des ponts…
choice-enter-hint = Obtenez des ponts sur bridges.torproject.org (ou par courriel à bridges@torproject.org) ou auprès d’un proche, et collez-les ici, un par ligne.
choice-enter-placeholder = obfs4 192.0.2.1:443 EMPREINTE cert=… iat-mode=0
choice-enter-apply = Utiliser ces ponts
choice-direct = Se connecter sans pont
choice-wait = Continuer d’attendre
change-failed-unavailable = Tor ne fonctionne pas, rien n’a donc été changé.
change-failed-refused = Tor a refusé le changement, rien n’a donc été changé : { $reason }
change-failed-transport = Le programme { $transport } manque dans Tor Messenger : décompressez-le à nouveau. Rien n’a été changé.
change-failed-no-own = Vous n’avez pas encore de ponts à vous : saisissez-en d’abord.
change-failed-not-kept = Tor utilise vos ponts, mais ils n’ont pas pu être conservés pour plus tard : { $reason }
bridge-error = Pont « { $line } » : { $problem }. Rien n’a été changé.
bridge-error-numbered = Ligne { $number } (« { $line } ») : { $problem }. Rien n’a été changé.
bridge-problem-empty = il n’y a aucune ligne de pont
bridge-problem-control = elle contient un caractère qui ne peut pas figurer dans une ligne de pont
bridge-problem-transport = Tor Messenger n’a pas le transport « { $name } » (il a obfs4 et snowflake)
bridge-problem-address = « { $text } » n’est pas une adresse IP avec un port, comme 192.0.2.1:443
bridge-problem-fingerprint = l’empreinte « { $text } » ne compte pas 40 chiffres hexadécimaux
bridge-problem-cert = la partie cert= n’est pas un certificat obfs4 valide ; la ligne a-t-elle été tronquée en la copiant ?
bridge-problem-missing = la partie { $text }= manque
bridge-problem-argument = « { $text } » n’est pas correct dans cette ligne
bridge-problem-other = ce n’est pas une ligne de pont que Tor Messenger peut utiliser
tor-settings-title = Connexion Tor
tor-settings-unknown = En attente que Tor indique les ponts qu’il utilise…
tor-settings-direct = Tor se connecte directement, sans pont.
tor-settings-built-in = Tor utilise les ponts { $transport } intégrés ({ $count }).
tor-settings-custom = Tor utilise vos ponts ({ $count }) :
tor-settings-change = Changer la façon dont Tor se connecte :
tor-settings-note = Les changements sont transmis immédiatement au Tor en cours, qui les garde pour son prochain démarrage.
settings-page-general = Général
members-logged-in-as = connecté en tant que { $account }
