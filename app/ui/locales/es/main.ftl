# Tor Messenger: textos en español.

app-title = Tor Messenger

## First run
first-run-title = Bienvenido a Tor Messenger
first-run-protects = Tor Messenger envía todo a través de Tor, para que los servidores de chat no sepan dónde está usted, y cifra sus conversaciones privadas con OTR, para que los servidores no puedan leerlas.
first-run-limits = No oculta con quién habla: los servidores siguen viendo qué cuentas se comunican entre sí y cuándo.
first-run-continue = Entendido, continuar

## Top bar
nav-chats = Conversaciones
nav-accounts = Cuentas
nav-settings = Ajustes

## Tor
tor-bootstrapping = Conectando con la red Tor: { $progress } %
tor-ready = Conectado a Tor
tor-unavailable = Tor no se está ejecutando. Reinicie Tor Messenger desde su lanzador; si vuelve a ocurrir, compruebe que ningún cortafuegos bloquee los programas de este equipo.

## Accounts
accounts-title = Sus cuentas
accounts-empty = Todavía no hay ninguna cuenta. Añada una abajo; nada se conecta hasta que pulse «Conectar».
account-add-title = Añadir una cuenta
account-protocol = Tipo
account-protocol-irc = IRC
account-protocol-xmpp = XMPP (Jabber)
account-preset = Servidor
account-preset-custom = Otro servidor
account-preset-recommended = recomendado
account-label = Nombre visible
account-server = Dirección del servidor
account-port = Puerto
account-use-onion = Usar la dirección .onion del servidor
account-tls = Cifrar la conexión con el servidor (TLS)
account-nick = Apodo
account-jid = Dirección (nombre@servidor)
account-password = Contraseña
account-remember-password = Recordar la contraseña en este perfil
account-add = Añadir cuenta
account-register-throwaway = Crear una cuenta desechable en este servidor
account-register-hint = Se registra en el servidor una cuenta nueva y aleatoria, a través de Tor. Úsela una vez y olvídela.
account-missing-server = Escriba la dirección de un servidor.
account-missing-user = Escriba un apodo o una dirección.
account-bad-port = El puerto debe ser un número entre 1 y 65535.
account-connect = Conectar
account-disconnect = Desconectar
account-state-offline = Desconectado
account-state-connecting = Conectando…
account-state-online = En línea como { $name }
account-state-reconnecting = Se perdió la conexión; nuevo intento en { $seconds } s
account-state-failed = Sin conexión
account-waiting-for-tor = Esperando a Tor; después se podrá conectar.

## Problems
problem-pin-mismatch = El servidor presentó un certificado distinto del que espera este paquete. Alguien podría estar interceptando la conexión, o el servidor cambió su certificado. No inicie sesión; consulte los avisos del servidor desde otro dispositivo.
problem-tls = No se pudo establecer una conexión segura con el servidor. Compruebe la dirección y el puerto; no se envió nada.
problem-auth = El servidor rechazó el nombre o la contraseña. Revíselos en esta cuenta y vuelva a conectar.
problem-tor-down = No se puede acceder a Tor, así que no se puede enviar nada. Reinicie Tor Messenger desde su lanzador.
problem-connection-lost = Se perdió la conexión con el servidor. Tor Messenger lo vuelve a intentar por sí solo.
problem-server-says = El servidor informa de un problema: { $detail }

## Contacts and channels
contacts-title = Conversaciones
contacts-none = Todavía no hay conversaciones. Conecte una cuenta y luego únase a una sala o escriba a un contacto.
contacts-online = en línea
contacts-offline = desconectado
contacts-unread = { $count ->
    [one] 1 sin leer
   *[other] { $count } sin leer
}
open-title = Iniciar una conversación
open-room = Sala o canal
open-contact = Contacto
open-join = Unirse
open-write = Escribir
open-pick-account = Cuenta

## Conversation
conversation-none = Elija una conversación a la izquierda.
conversation-close = Cerrar
message-me = yo
message-failed = no enviado
message-pending = enviando…
message-input-hint = Escriba un mensaje y pulse Intro
message-send = Enviar
members-title = { $count ->
    [one] 1 miembro
   *[other] { $count } miembros
}
topic = Tema: { $topic }
room-not-private = Las salas nunca son privadas: todos los presentes y el servidor pueden leerlas.

## OTR
otr-not-private = No privada
otr-unverified = Privada, sin verificar
otr-verified = Privada y verificada
otr-finished = Conversación privada terminada
otr-explain-not-private = El servidor puede leer estos mensajes.
otr-explain-unverified = Cifrada, pero no ha confirmado quién está al otro lado.
otr-explain-verified = Cifrada, y ha confirmado la identidad de su contacto.
otr-explain-finished = Su contacto terminó la conversación privada. No se envía nada hasta que usted la termine o la renueve.
otr-start = Iniciar conversación privada
otr-refresh = Renovar conversación privada
otr-end = Terminar conversación privada
otr-verify = Verificar la identidad del contacto
otr-unrecognized = { $contact } usa un equipo que usted no había visto antes. Verifique su identidad antes de compartir algo delicado.
otr-generating-key = Creando su clave privada; tardará un momento…
otr-verifying = Comprobando la identidad de su contacto: paso { $step } de { $of }
otr-verify-success = La identidad de su contacto está verificada.
otr-verify-failure = La verificación falló: las respuestas no coinciden. Puede que su contacto no sea quien dice ser.
otr-blocked-plaintext = Este mensaje no se envió: este contacto exige cifrado y la conversación todavía no es privada.
otr-peer-asks = Su contacto quiere verificar su identidad.

## Verify dialog
verify-title = Verificar la identidad del contacto
verify-how = ¿Cómo quiere verificarla?
verify-method-question = Pregunta y respuesta
verify-method-secret = Secreto compartido
verify-method-fingerprint = Comparar huellas
verify-question-hint = Haga una pregunta que solo su contacto pueda responder. La respuesta nunca se envía; OTR solo comprueba que ambas respuestas coincidan.
verify-question = Pregunta
verify-answer = Respuesta
verify-secret-hint = Escriba un secreto acordado antes, en persona o por otro medio seguro.
verify-secret = Secreto compartido
verify-fingerprint-hint = Compare estas huellas con su contacto por otro medio (en persona o por teléfono).
verify-your-fingerprint = Su huella
verify-their-fingerprint = Huella de su contacto
verify-fingerprint-unknown = aún desconocida: inicie primero una conversación privada
verify-fingerprint-matches = Lo he comprobado: la huella coincide
verify-start = Verificar
verify-cancel = Cancelar
verify-peer-question = Su contacto pregunta: { $question }
verify-peer-secret = Su contacto pide el secreto que comparten.
verify-respond = Responder

## Settings
settings-title = Ajustes
settings-require-encryption = Exigir cifrado con todos los contactos
settings-require-encryption-hint = Nunca se envía nada sin cifrar a un contacto con el que se exige cifrado.
settings-require-contact = Exigir cifrado con este contacto
settings-otr-v3 = Permitir OTR versión 3 (clientes más nuevos; la versión 2 sigue permitida)
settings-language = Idioma
settings-theme = Apariencia
settings-theme-light = Claro
settings-theme-dark = Oscuro
settings-font-size = Tamaño del texto
settings-saved-note = Los ajustes se guardan en la carpeta de perfil de este paquete. Las conversaciones nunca se guardan.
message-preview-hint = Así se mostrará su mensaje
nav-menu = Menú

## Quitar una cuenta
account-remove = Quitar…
account-remove-title = ¿Quitar { $account }?
account-remove-explain = La cuenta se desconecta y se quita de este perfil. Sus conversaciones se cierran. La cuenta sigue existiendo en su servidor.
account-remove-forget-otr = Borrar también la clave OTR de esta cuenta y las huellas de sus contactos (no se puede deshacer)
account-remove-confirm = Quitar la cuenta
account-remove-otr-problem = La clave OTR no se ha borrado

## Cuenta desechable
register-creating = Creando una cuenta desechable en { $server } a través de Tor; puede tardar un minuto…
register-created = La cuenta desechable { $address } se creó y se añadió a sus cuentas. Pulse «Conectar» para usarla.
register-dismiss = Aceptar
register-failed = No se creó ninguna cuenta en { $server }.
register-failed-unknown-server = No se creó ninguna cuenta desechable.
register-failed-reason = Qué pasó: { $reason }
register-failed-next = No se añadió nada. Vuelva a intentarlo en unos minutos o elija otro servidor de la lista; si el servidor pide un correo electrónico o un CAPTCHA, cree la cuenta en su sitio web.

## Actualizaciones
update-check = Buscar actualizaciones
update-not-configured = Esta versión no sabe dónde buscar actualizaciones. Consulte el sitio de Tor Messenger, en un navegador de confianza, para ver si hay una versión más nueva.
update-periodic = Buscar actualizaciones una vez al día mientras Tor Messenger está abierto
update-periodic-hint = Solo se muestra un aviso; nunca se descarga ni se instala nada por sí solo.
update-notice-available = La versión { $version } está disponible
update-notice-refused = La búsqueda de actualizaciones encontró un problema
update-title = Actualizaciones
update-checking = Pidiendo la lista firmada de versiones a través de Tor…
update-up-to-date = Al día: usa { $current }, la última versión es { $latest }.
update-available = La versión { $version } está disponible ({ $megabytes } MB).
update-available-next = No se descargó nada. Para obtenerla, ejecute «tor-messenger-launcher download»: descarga el nuevo paquete a través de Tor y solo lo guarda si su tamaño, su suma de control y su firma son correctos. Luego cierre Tor Messenger, descomprima el paquete en una carpeta nueva y mueva a ella su carpeta Data para conservar sus cuentas y claves.
update-refused = La información de actualización fue rechazada.
update-close = Cerrar
update-unreachable = No se pudo obtener la información de actualización a través de Tor ({ $detail }). Vuelva a intentarlo más tarde.
update-expired = La lista firmada de versiones caducó el { $expires }. Alguien podría estar ocultándole versiones nuevas, o el reloj de su equipo está mal. Compruebe la fecha y vuelva a intentarlo más tarde.
update-rollback-sequence = La lista de versiones es más antigua (número { $got }) que una ya vista (número { $seen }). Alguien podría intentar que instale una versión vieja con fallos conocidos: no actualice con ella.
update-rollback-version = La lista de versiones ofrece la versión { $got }, inferior a la { $seen } ofrecida antes. Alguien podría intentar que instale una versión vieja: no actualice con ella.
update-conflicting = La lista de versiones difiere de la ya vista con el mismo número. Podría haber sido alterada: no actualice con ella y vuelva a intentarlo más tarde.
update-unknown-key = La lista de versiones está firmada con la clave { $key }, que no es una clave de publicación de Tor Messenger. No confíe en ella.
update-bad-signature = La firma de la lista de versiones no coincide. Podría haber sido alterada o dañada: no confíe en ella y vuelva a intentarlo más tarde.
update-wrong-software = La lista de versiones es de otro programa o de otro canal. Fue rechazada.
update-wrong-platform = La lista de versiones no nombra ninguna versión válida para este equipo. Fue rechazada.
update-too-large = El servidor envió muchos más datos de los que puede tener una lista de versiones. Se detuvo y se rechazó.
update-malformed = La lista de versiones está firmada pero no se puede leer. Fue rechazada; vuelva a intentarlo más tarde.
update-other = La información de actualización fue rechazada: { $detail }
update-state-file = El registro de búsquedas anteriores en su perfil no se puede usar: { $detail }

account-sasl = Inicio de sesión (SASL)
account-sasl-automatic = Automático (lo más seguro que ofrezca el servidor)
account-sasl-plain = Contraseña (PLAIN, solo cifrado)
account-sasl-scram = Prueba de contraseña (SCRAM-SHA-256)
account-sasl-external = Certificado de cliente (EXTERNAL)
account-sasl-ecdsa = Clave del certificado (ECDSA-NIST256P-CHALLENGE)
account-sasl-off = Sin SASL (contraseña a NickServ, solo con TLS)
account-certificate = Certificado de cliente
account-certificate-none = Ninguno
account-certificate-generate = Generar uno para esta cuenta
account-certificate-import = Importar archivos PEM
account-certificate-file = Archivo del certificado (PEM)
account-certificate-key-file = Archivo de la clave (si está aparte)
account-certificate-created = Certificado de cliente de { $account }
account-certificate-register = Regístralo en la red mientras inicias sesión con tu contraseña y luego conéctate:
account-certificate-fingerprints = Huellas: SHA-512 { $sha512 }, SHA-256 { $sha256 }
account-certificate-failed = No se añadió la cuenta: { $reason }
account-missing-certificate = Indica el archivo del certificado que quieres importar.
account-tls-name = Nombre en el certificado del servidor
preset-note-libera = Libera.Chat por Tor exige una cuenta registrada por correo (desde una conexión sin Tor) e iniciar sesión con un certificado de cliente: genera uno aquí, regístralo en NickServ y conéctate a la dirección onion.
preset-note-oftc = OFTC acoge a los usuarios de Tor. Registra tu apodo en NickServ; OFTC te reconocerá por tu certificado de cliente (CertFP) o por tu contraseña con TLS.
## Tor connection (connection screen, Settings > Tor connection)
connection-title = Conectando con Tor
connection-wait-hint = Esto suele tardar menos de un minuto. Si tu red bloquea Tor, puedes elegir un puente ahora.
connection-choose = Elegir cómo conectarse…
connection-stalled-title = Tor no puede conectarse
connection-stalled-notice = Tor no puede conectarse: elige cómo
connection-last-warning = Último mensaje de Tor: { $warning }
connection-choices = Lo que puedes hacer:
connection-applying = Pasando el cambio a Tor…
stall-clock = El reloj de este ordenador parece estar mal. Tor no puede conectarse mientras la fecha, la hora o la zona horaria sean incorrectas: corrígelas en la configuración del sistema.
stall-transport = El programa { $transport } de Tor Messenger no pudo iniciarse o se detuvo. Descomprime Tor Messenger de nuevo (a veces el software de seguridad lo elimina o bloquea) o elige otra opción abajo.
stall-transport-unknown = Un programa de transporte conectable no pudo iniciarse o se detuvo. Descomprime Tor Messenger de nuevo o elige otra opción abajo.
stall-snowflake-broker = Snowflake no puede llegar a su intermediario, donde encuentra proxies voluntarios: puede que tu red lo bloquee. Prueba puentes obfs4 o puentes de alguien de confianza.
stall-bridges = Los puentes en uso no responden: pueden estar desconectados o bloqueados, o una línea se cortó al copiarla. Prueba otros puentes.
stall-blocked = Las conexiones a la red Tor se rechazan o se cortan: probablemente tu red bloquea Tor. Un puente oculta que usas Tor.
stall-no-answer = Tor no recibe respuesta de la red Tor: puede que tu red bloquee Tor en silencio, o es muy lenta.
choice-snowflake = Usar los puentes snowflake integrados
choice-snowflake-hint = Snowflake pasa por proxies voluntarios de corta duración; funciona en la mayoría de los lugares.
choice-obfs4 = Usar los puentes obfs4 integrados
choice-obfs4-hint = obfs4 hace que el tráfico de Tor parezca bytes aleatorios; en algunos países los censores conocen los puentes integrados.
choice-own = Usar mis puentes ({ $count })
choice-enter = Introducir puentes…
choice-enter-hint = Consigue puentes en bridges.torproject.org (o por correo a bridges@torproject.org) o de alguien de confianza, y pégalos aquí, uno por línea.
choice-enter-placeholder = obfs4 192.0.2.1:443 HUELLA cert=… iat-mode=0
choice-enter-apply = Usar estos puentes
choice-direct = Conectar sin puentes
choice-wait = Seguir esperando
change-failed-unavailable = Tor no está en marcha, así que no se cambió nada.
change-failed-refused = Tor rechazó el cambio, así que no se cambió nada: { $reason }
change-failed-transport = Falta el programa { $transport } en Tor Messenger: descomprímelo de nuevo. No se cambió nada.
change-failed-no-own = Todavía no tienes puentes propios: introduce alguno primero.
change-failed-not-kept = Tor usa tus puentes, pero no se pudieron guardar para más adelante: { $reason }
bridge-error = Puente «{ $line }»: { $problem }. No se cambió nada.
bridge-error-numbered = Línea { $number } («{ $line }»): { $problem }. No se cambió nada.
bridge-problem-empty = no hay ninguna línea de puente
bridge-problem-control = contiene un carácter que no puede estar en una línea de puente
bridge-problem-transport = Tor Messenger no tiene el transporte «{ $name }» (tiene obfs4 y snowflake)
bridge-problem-address = «{ $text }» no es una dirección IP con puerto, como 192.0.2.1:443
bridge-problem-fingerprint = la huella «{ $text }» no tiene 40 dígitos hexadecimales
bridge-problem-cert = la parte cert= no es un certificado obfs4 válido; ¿se cortó la línea al copiarla?
bridge-problem-missing = falta la parte { $text }=
bridge-problem-argument = «{ $text }» no es correcto en esta línea
bridge-problem-other = esta no es una línea de puente que Tor Messenger pueda usar
tor-settings-title = Conexión de Tor
tor-settings-unknown = Esperando a que Tor diga qué puentes usa…
tor-settings-direct = Tor se conecta directamente, sin puentes.
tor-settings-built-in = Tor usa los puentes { $transport } integrados ({ $count }).
tor-settings-custom = Tor usa tus puentes ({ $count }):
tor-settings-change = Cambiar cómo se conecta Tor:
tor-settings-note = Los cambios llegan al Tor en marcha de inmediato, y Tor los conserva para su próximo inicio.
settings-page-general = General
members-logged-in-as = con sesión iniciada como { $account }
