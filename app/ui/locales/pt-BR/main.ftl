# Tor Messenger: textos em português do Brasil.

app-title = Tor Messenger

## First run
first-run-title = Boas-vindas ao Tor Messenger
first-run-protects = O Tor Messenger envia tudo pelo Tor, para que os servidores de bate-papo não saibam onde você está, e criptografa suas conversas privadas com OTR, para que os servidores não possam lê-las.
first-run-limits = Ele não esconde com quem você fala: os servidores continuam vendo quais contas conversam entre si e quando.
first-run-continue = Entendi, continuar

## Top bar
nav-chats = Conversas
nav-accounts = Contas
nav-settings = Configurações

## Tor
tor-bootstrapping = Conectando à rede Tor: { $progress }%
tor-ready = Conectado ao Tor
tor-unavailable = O Tor não está em execução. Reinicie o Tor Messenger pelo inicializador; se acontecer de novo, verifique se algum firewall bloqueia programas neste computador.

## Accounts
accounts-title = Suas contas
accounts-empty = Nenhuma conta ainda. Adicione uma abaixo; nada se conecta até você clicar em "Conectar".
account-add-title = Adicionar uma conta
account-protocol = Tipo
account-protocol-irc = IRC
account-protocol-xmpp = XMPP (Jabber)
account-preset = Servidor
account-preset-custom = Outro servidor
account-preset-recommended = recomendado
account-label = Nome exibido
account-server = Endereço do servidor
account-port = Porta
account-use-onion = Usar o endereço .onion do servidor
account-tls = Criptografar a conexão com o servidor (TLS)
account-nick = Apelido
account-jid = Endereço (nome@servidor)
account-password = Senha
account-remember-password = Lembrar a senha neste perfil
account-add = Adicionar conta
account-register-throwaway = Criar uma conta descartável neste servidor
account-register-hint = Uma conta nova e aleatória é registrada no servidor, pelo Tor. Use uma vez e esqueça.
account-missing-server = Digite o endereço de um servidor.
account-missing-user = Digite um apelido ou um endereço.
account-bad-port = A porta deve ser um número entre 1 e 65535.
account-connect = Conectar
account-disconnect = Desconectar
account-state-offline = Desconectado
account-state-connecting = Conectando…
account-state-online = Conectado como { $name }
account-state-reconnecting = Conexão perdida, nova tentativa em { $seconds } s
account-state-failed = Não conectado
account-waiting-for-tor = Aguardando o Tor para poder conectar.

## Problems
problem-pin-mismatch = O servidor apresentou um certificado diferente do que este pacote espera. Alguém pode estar interceptando a conexão, ou o servidor trocou de certificado. Não faça login; confira os avisos do servidor usando outro dispositivo.
problem-tls = Não foi possível criar uma conexão segura com o servidor. Verifique o endereço e a porta; nada foi enviado.
problem-auth = O servidor recusou o nome ou a senha. Confira-os nesta conta e conecte de novo.
problem-tor-down = O Tor não está acessível, então nada pode ser enviado. Reinicie o Tor Messenger pelo inicializador.
problem-connection-lost = A conexão com o servidor caiu. O Tor Messenger tenta de novo sozinho.
problem-server-says = O servidor relatou um problema: { $detail }

## Contacts and channels
contacts-title = Conversas
contacts-none = Nenhuma conversa ainda. Conecte uma conta e depois entre em uma sala ou escreva para um contato.
contacts-online = conectado
contacts-offline = desconectado
contacts-unread = { $count ->
    [one] 1 não lida
   *[other] { $count } não lidas
}
open-title = Iniciar uma conversa
open-room = Sala ou canal
open-contact = Contato
open-join = Entrar
open-write = Escrever
open-pick-account = Conta

## Conversation
conversation-none = Escolha uma conversa à esquerda.
conversation-close = Fechar
message-me = eu
message-failed = não enviada
message-pending = enviando…
message-input-hint = Escreva uma mensagem e tecle Enter
message-send = Enviar
members-title = { $count ->
    [one] 1 membro
   *[other] { $count } membros
}
topic = Assunto: { $topic }
room-not-private = Salas nunca são privadas: todos na sala e o servidor podem lê-las.

## OTR
otr-not-private = Não privada
otr-unverified = Privada, não verificada
otr-verified = Privada e verificada
otr-finished = Conversa privada encerrada
otr-explain-not-private = O servidor pode ler estas mensagens.
otr-explain-unverified = Criptografada, mas você não confirmou quem está do outro lado.
otr-explain-verified = Criptografada, e você confirmou a identidade do seu contato.
otr-explain-finished = Seu contato encerrou a conversa privada. Nada é enviado até você encerrá-la ou renová-la.
otr-start = Iniciar conversa privada
otr-refresh = Renovar conversa privada
otr-end = Encerrar conversa privada
otr-verify = Verificar a identidade do contato
otr-unrecognized = { $contact } está usando um computador que você nunca viu. Verifique a identidade dele antes de compartilhar algo sensível.
otr-generating-key = Criando sua chave privada; isso leva um instante…
otr-verifying = Verificando a identidade do seu contato: etapa { $step } de { $of }
otr-verify-success = A identidade do seu contato foi verificada.
otr-verify-failure = A verificação falhou: as respostas não coincidem. Seu contato pode não ser quem diz ser.
otr-blocked-plaintext = Esta mensagem não foi enviada: este contato exige criptografia e a conversa ainda não é privada.
otr-peer-asks = Seu contato quer verificar a sua identidade.

## Verify dialog
verify-title = Verificar a identidade do contato
verify-how = Como você quer verificar?
verify-method-question = Pergunta e resposta
verify-method-secret = Segredo compartilhado
verify-method-fingerprint = Comparar impressões digitais
verify-question-hint = Faça uma pergunta que só o seu contato saiba responder. A resposta nunca é enviada; o OTR só confere se as duas respostas coincidem.
verify-question = Pergunta
verify-answer = Resposta
verify-secret-hint = Digite um segredo combinado antes, pessoalmente ou por outro meio seguro.
verify-secret = Segredo compartilhado
verify-fingerprint-hint = Compare estas impressões digitais com seu contato por outro meio (pessoalmente ou por telefone).
verify-your-fingerprint = Sua impressão digital
verify-their-fingerprint = Impressão digital do seu contato
verify-fingerprint-unknown = ainda desconhecida: inicie antes uma conversa privada
verify-fingerprint-matches = Conferi: a impressão digital coincide
verify-start = Verificar
verify-cancel = Cancelar
verify-peer-question = Seu contato pergunta: { $question }
verify-peer-secret = Seu contato pede o segredo que vocês compartilham.
verify-respond = Responder

## Settings
settings-title = Configurações
settings-require-encryption = Exigir criptografia com todos os contatos
settings-require-encryption-hint = Nada é enviado sem criptografia para um contato com quem a criptografia é exigida.
settings-require-contact = Exigir criptografia com este contato
settings-otr-v3 = Permitir OTR versão 3 (programas mais novos; a versão 2 continua permitida)
settings-language = Idioma
settings-theme = Aparência
settings-theme-light = Clara
settings-theme-dark = Escura
settings-font-size = Tamanho do texto
settings-saved-note = As configurações ficam na pasta de perfil deste pacote. As conversas nunca são salvas.
message-preview-hint = É assim que sua mensagem será exibida
nav-menu = Menu

## Remover uma conta
account-remove = Remover…
account-remove-title = Remover { $account }?
account-remove-explain = A conta é desconectada e removida deste perfil. Suas conversas são fechadas. A conta continua existindo no servidor.
account-remove-forget-otr = Apagar também a chave OTR desta conta e as impressões digitais dos contatos dela (não pode ser desfeito)
account-remove-confirm = Remover conta
account-remove-otr-problem = A chave OTR não foi apagada

## Conta descartável
register-creating = Criando uma conta descartável em { $server } pelo Tor; isso pode levar um minuto…
register-created = A conta descartável { $address } foi criada e adicionada às suas contas. Clique em "Conectar" para usá-la.
register-dismiss = OK
register-failed = Nenhuma conta foi criada em { $server }.
register-failed-unknown-server = Nenhuma conta descartável foi criada.
register-failed-reason = O que aconteceu: { $reason }
register-failed-next = Nada foi adicionado. Tente de novo em alguns minutos ou escolha outro servidor da lista; se o servidor pedir um e-mail ou um CAPTCHA, crie a conta no site dele.

## Atualizações
update-check = Procurar atualizações
update-not-configured = Esta versão não sabe onde procurar atualizações. Veja no site do Tor Messenger, em um navegador de confiança, se há uma versão mais nova.
update-periodic = Procurar atualizações uma vez por dia enquanto o Tor Messenger estiver aberto
update-periodic-hint = Só aparece um aviso; nada é baixado ou instalado sozinho.
update-notice-available = A versão { $version } está disponível
update-notice-refused = A busca por atualizações encontrou um problema
update-title = Atualizações
update-checking = Pedindo a lista assinada de versões pelo Tor…
update-up-to-date = Atualizado: você usa { $current }, a versão mais recente é { $latest }.
update-available = A versão { $version } está disponível ({ $megabytes } MB).
update-available-next = Nada foi baixado. Para obtê-la, execute "tor-messenger-launcher download": ele baixa o novo pacote pelo Tor e só o mantém se o tamanho, a soma de verificação e a assinatura estiverem corretos. Depois feche o Tor Messenger, descompacte o pacote em uma pasta nova e mova sua pasta Data para ela para manter suas contas e chaves.
update-refused = As informações de atualização foram recusadas.
update-close = Fechar
update-unreachable = Não foi possível obter as informações de atualização pelo Tor ({ $detail }). Tente mais tarde.
update-expired = A lista assinada de versões expirou em { $expires }. Alguém pode estar escondendo versões novas de você, ou o relógio do seu computador está errado. Confira a data e tente mais tarde.
update-rollback-sequence = A lista de versões é mais antiga (número { $got }) do que uma já vista (número { $seen }). Alguém pode estar tentando fazer você instalar uma versão antiga com falhas conhecidas: não atualize a partir dela.
update-rollback-version = A lista de versões oferece a versão { $got }, menor que a { $seen } oferecida antes. Alguém pode estar tentando fazer você instalar uma versão antiga: não atualize a partir dela.
update-conflicting = A lista de versões é diferente da já vista com o mesmo número. Ela pode ter sido alterada: não atualize a partir dela e tente mais tarde.
update-unknown-key = A lista de versões foi assinada pela chave { $key }, que não é uma chave de publicação do Tor Messenger. Não confie nela.
update-bad-signature = A assinatura da lista de versões não confere. Ela pode ter sido alterada ou danificada: não confie nela e tente mais tarde.
update-wrong-software = A lista de versões é de outro programa ou de outro canal. Ela foi recusada.
update-wrong-platform = A lista de versões não cita nenhuma versão válida para este computador. Ela foi recusada.
update-too-large = O servidor enviou muito mais dados do que uma lista de versões pode ter. O envio foi interrompido e recusado.
update-malformed = A lista de versões está assinada, mas não pode ser lida. Ela foi recusada; tente mais tarde.
update-other = As informações de atualização foram recusadas: { $detail }
update-state-file = O registro das buscas anteriores no seu perfil não pode ser usado: { $detail }

account-sasl = Login (SASL)
account-sasl-automatic = Automático (o mais seguro que o servidor oferecer)
account-sasl-plain = Senha (PLAIN, só em conexão cifrada)
account-sasl-scram = Prova de senha (SCRAM-SHA-256)
account-sasl-external = Certificado de cliente (EXTERNAL)
account-sasl-ecdsa = Chave do certificado (ECDSA-NIST256P-CHALLENGE)
account-sasl-off = Sem SASL (senha para o NickServ, só via TLS)
account-certificate = Certificado de cliente
account-certificate-none = Nenhum
account-certificate-generate = Gerar um para esta conta
account-certificate-import = Importar arquivos PEM
account-certificate-file = Arquivo do certificado (PEM)
account-certificate-key-file = Arquivo da chave (se separado)
account-certificate-created = Certificado de cliente de { $account }
account-certificate-register = Registre-o na rede enquanto estiver identificado com sua senha e depois conecte:
account-certificate-fingerprints = Impressões digitais: SHA-512 { $sha512 }, SHA-256 { $sha256 }
account-certificate-failed = A conta não foi adicionada: { $reason }
account-missing-certificate = Informe o arquivo do certificado a importar.
account-tls-name = Nome no certificado do servidor
preset-note-libera = O Libera.Chat via Tor exige uma conta registrada por e-mail (de uma conexão sem Tor) e login com certificado de cliente: gere um aqui, registre-o no NickServ e conecte ao endereço onion.
preset-note-oftc = A OFTC recebe bem usuários do Tor. Registre seu apelido no NickServ; a OFTC então reconhece você pelo certificado de cliente (CertFP) ou pela senha via TLS.
## Tor connection (connection screen, Settings > Tor connection)
connection-title = Conectando ao Tor
connection-wait-hint = Isso costuma levar menos de um minuto. Se a sua rede bloqueia o Tor, você pode escolher uma ponte agora.
connection-choose = Escolher como conectar…
connection-stalled-title = O Tor não consegue se conectar
connection-stalled-notice = O Tor não consegue se conectar: escolha como
connection-last-warning = Última mensagem do Tor: { $warning }
connection-choices = O que você pode fazer:
connection-applying = Passando a mudança ao Tor…
stall-clock = O relógio deste computador parece estar errado. O Tor não consegue se conectar enquanto a data, a hora ou o fuso horário estiverem errados: corrija-os nas configurações do sistema.
stall-transport = O programa { $transport } do Tor Messenger não conseguiu iniciar ou parou. Descompacte o Tor Messenger de novo (às vezes um software de segurança o remove ou bloqueia) ou escolha outra opção abaixo.
stall-transport-unknown = Um programa de transporte plugável não conseguiu iniciar ou parou. Descompacte o Tor Messenger de novo ou escolha outra opção abaixo.
stall-snowflake-broker = O Snowflake não alcança o seu intermediário, onde encontra proxies voluntários: a sua rede pode estar bloqueando-o. Tente pontes obfs4 ou pontes de alguém de confiança.
stall-bridges = As pontes em uso não respondem: podem estar fora do ar ou bloqueadas, ou uma linha foi cortada ao copiar. Tente outras pontes.
stall-blocked = As conexões à rede Tor são recusadas ou cortadas: a sua rede provavelmente bloqueia o Tor. Uma ponte esconde que você usa o Tor.
stall-no-answer = O Tor não recebe resposta da rede Tor: a sua rede pode estar bloqueando o Tor em silêncio, ou está muito lenta.
choice-snowflake = Usar as pontes snowflake embutidas
choice-snowflake-hint = O Snowflake passa por proxies voluntários de curta duração; funciona na maioria dos lugares.
choice-obfs4 = Usar as pontes obfs4 embutidas
choice-obfs4-hint = O obfs4 faz o tráfego do Tor parecer bytes aleatórios; em alguns países os censores conhecem as pontes embutidas.
choice-own = Usar minhas pontes ({ $count })
choice-enter = Inserir pontes…
choice-enter-hint = Obtenha pontes em bridges.torproject.org (ou por e-mail para bridges@torproject.org) ou com alguém de confiança, e cole-as aqui, uma por linha.
choice-enter-placeholder = obfs4 192.0.2.1:443 IMPRESSÃO cert=… iat-mode=0
choice-enter-apply = Usar estas pontes
choice-direct = Conectar sem pontes
choice-wait = Continuar esperando
change-failed-unavailable = O Tor não está em execução, então nada foi alterado.
change-failed-refused = O Tor recusou a mudança, então nada foi alterado: { $reason }
change-failed-transport = O programa { $transport } está faltando no Tor Messenger: descompacte-o de novo. Nada foi alterado.
change-failed-no-own = Você ainda não tem pontes próprias: insira algumas primeiro.
change-failed-not-kept = O Tor usa as suas pontes, mas elas não puderam ser guardadas para depois: { $reason }
bridge-error = Ponte “{ $line }”: { $problem }. Nada foi alterado.
bridge-error-numbered = Linha { $number } (“{ $line }”): { $problem }. Nada foi alterado.
bridge-problem-empty = não há nenhuma linha de ponte
bridge-problem-control = ela contém um caractere que não pode estar numa linha de ponte
bridge-problem-transport = o Tor Messenger não tem o transporte “{ $name }” (ele tem obfs4 e snowflake)
bridge-problem-address = “{ $text }” não é um endereço IP com porta, como 192.0.2.1:443
bridge-problem-fingerprint = a impressão digital “{ $text }” não tem 40 dígitos hexadecimais
bridge-problem-cert = a parte cert= não é um certificado obfs4 válido; a linha foi cortada ao copiar?
bridge-problem-missing = falta a parte { $text }=
bridge-problem-argument = “{ $text }” não está certo nesta linha
bridge-problem-other = esta não é uma linha de ponte que o Tor Messenger possa usar
tor-settings-title = Conexão do Tor
tor-settings-unknown = Esperando o Tor dizer quais pontes usa…
tor-settings-direct = O Tor se conecta diretamente, sem pontes.
tor-settings-built-in = O Tor usa as pontes { $transport } embutidas ({ $count }).
tor-settings-custom = O Tor usa as suas pontes ({ $count }):
tor-settings-change = Mudar como o Tor se conecta:
tor-settings-note = As mudanças vão imediatamente para o Tor em execução, e o Tor as guarda para a próxima vez que iniciar.
settings-page-general = Geral
members-logged-in-as = conectado como { $account }
