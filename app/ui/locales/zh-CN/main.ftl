# Tor Messenger：简体中文文本。

app-title = Tor Messenger

## First run
first-run-title = 欢迎使用 Tor Messenger
first-run-protects = Tor Messenger 的所有通信都经过 Tor，聊天服务器无法得知您身在何处；它还用 OTR 加密您的私人对话，服务器无法读取其内容。
first-run-limits = 它无法隐藏您在与谁交谈：服务器仍能看到哪些账户在何时相互通信。
first-run-continue = 我明白了，继续

## Top bar
nav-chats = 对话
nav-accounts = 账户
nav-settings = 设置

## Tor
tor-bootstrapping = 正在连接 Tor 网络：{ $progress }%
tor-ready = 已连接到 Tor
tor-unavailable = Tor 没有运行。请通过启动器重新启动 Tor Messenger；如果问题再次出现，请检查是否有防火墙阻止了本机上的程序。

## Accounts
accounts-title = 您的账户
accounts-empty = 还没有账户。请在下方添加；在您点击“连接”之前，不会建立任何连接。
account-add-title = 添加账户
account-protocol = 类型
account-protocol-irc = IRC
account-protocol-xmpp = XMPP（Jabber）
account-preset = 服务器
account-preset-custom = 其他服务器
account-preset-recommended = 推荐
account-label = 显示名称
account-server = 服务器地址
account-port = 端口
account-use-onion = 使用服务器的 .onion 地址
account-tls = 加密与服务器的连接（TLS）
account-nick = 昵称
account-jid = 地址（名称@服务器）
account-password = 密码
account-remember-password = 在此配置文件中记住密码
account-add = 添加账户
account-register-throwaway = 在此服务器上创建一次性账户
account-register-hint = 将通过 Tor 在服务器上注册一个新的随机账户。用一次即可丢弃。
account-missing-server = 请输入服务器地址。
account-missing-user = 请输入昵称或地址。
account-bad-port = 端口必须是 1 到 65535 之间的数字。
account-connect = 连接
account-disconnect = 断开
account-state-offline = 离线
account-state-connecting = 正在连接…
account-state-online = 已上线，身份为 { $name }
account-state-reconnecting = 连接已断开，{ $seconds } 秒后重试
account-state-failed = 未连接
account-waiting-for-tor = 正在等待 Tor，就绪后才能连接。

## Problems
problem-pin-mismatch = 服务器出示的证书与本软件包预期的不同。可能有人在拦截连接，也可能是服务器更换了证书。请不要登录；请用另一台设备查看服务器的公告。
problem-tls = 无法与服务器建立安全连接。请检查服务器地址和端口；没有发送任何内容。
problem-auth = 服务器拒绝了用户名或密码。请在此账户中检查后重新连接。
problem-tor-down = 无法访问 Tor，因此无法发送任何内容。请通过启动器重新启动 Tor Messenger。
problem-connection-lost = 与服务器的连接已断开。Tor Messenger 会自动重试。
problem-server-says = 服务器报告了一个问题：{ $detail }

## Contacts and channels
contacts-title = 对话
contacts-none = 还没有对话。请先连接一个账户，然后加入聊天室或给联系人发消息。
contacts-online = 在线
contacts-offline = 离线
contacts-unread = { $count } 条未读
open-title = 开始对话
open-room = 聊天室或频道
open-contact = 联系人
open-join = 加入
open-write = 发消息
open-pick-account = 账户

## Conversation
conversation-none = 请在左侧选择一个对话。
conversation-close = 关闭
message-me = 我
message-failed = 未发送
message-pending = 正在发送…
message-input-hint = 输入消息后按回车键
message-send = 发送
members-title = { $count } 位成员
topic = 主题：{ $topic }
room-not-private = 聊天室永远不是私密的：室内所有人和服务器都能读到。

## OTR
otr-not-private = 非私密
otr-unverified = 私密，未验证
otr-verified = 私密且已验证
otr-finished = 私密对话已结束
otr-explain-not-private = 服务器可以读取这些消息。
otr-explain-unverified = 已加密，但您尚未确认对方的身份。
otr-explain-verified = 已加密，且您已确认联系人的身份。
otr-explain-finished = 您的联系人结束了私密对话。在您结束或刷新它之前，不会发送任何内容。
otr-start = 开始私密对话
otr-refresh = 刷新私密对话
otr-end = 结束私密对话
otr-verify = 验证联系人身份
otr-unrecognized = { $contact } 正在使用一台您从未见过的电脑。在分享任何敏感内容之前，请先验证其身份。
otr-generating-key = 正在生成您的私钥，请稍候…
otr-verifying = 正在验证联系人身份：第 { $step } 步，共 { $of } 步
otr-verify-success = 联系人的身份已验证。
otr-verify-failure = 身份验证失败：双方的答案不一致。您的联系人可能并非其所声称的人。
otr-blocked-plaintext = 此消息未发送：此联系人要求加密，而对话尚未成为私密对话。
otr-peer-asks = 您的联系人想要验证您的身份。

## Verify dialog
verify-title = 验证联系人身份
verify-how = 您想用哪种方式验证？
verify-method-question = 问题与答案
verify-method-secret = 共享密语
verify-method-fingerprint = 比对指纹
verify-question-hint = 提一个只有您的联系人才能回答的问题。答案永远不会被发送；OTR 只检查双方的答案是否一致。
verify-question = 问题
verify-answer = 答案
verify-secret-hint = 请输入你们事先当面或通过其他安全渠道约定好的密语。
verify-secret = 共享密语
verify-fingerprint-hint = 请通过其他渠道（当面或电话）与联系人比对这些指纹。
verify-your-fingerprint = 您的指纹
verify-their-fingerprint = 联系人的指纹
verify-fingerprint-unknown = 尚不知道：请先开始私密对话
verify-fingerprint-matches = 我已核对：指纹一致
verify-start = 验证
verify-cancel = 取消
verify-peer-question = 您的联系人问：{ $question }
verify-peer-secret = 您的联系人请您输入你们的共享密语。
verify-respond = 回答

## Settings
settings-title = 设置
settings-require-encryption = 与所有联系人通信时要求加密
settings-require-encryption-hint = 对要求加密的联系人，绝不会发送未加密的内容。
settings-require-contact = 与此联系人通信时要求加密
settings-otr-v3 = 允许 OTR 第 3 版（较新的客户端；第 2 版仍然允许）
settings-language = 语言
settings-theme = 外观
settings-theme-light = 浅色
settings-theme-dark = 深色
settings-font-size = 文字大小
settings-saved-note = 设置保存在本软件包的配置文件夹中。对话内容从不保存。
message-preview-hint = 您的消息将这样显示
nav-menu = 菜单

## 删除账户
account-remove = 删除…
account-remove-title = 删除 { $account }？
account-remove-explain = 该账户将断开连接并从此配置文件中删除，其对话会关闭。账户本身仍存在于服务器上。
account-remove-forget-otr = 同时删除此账户的 OTR 密钥及其联系人的指纹（无法撤销）
account-remove-confirm = 删除账户
account-remove-otr-problem = OTR 密钥未被删除

## 一次性账户
register-creating = 正在通过 Tor 在 { $server } 上创建一次性账户；这可能需要一分钟…
register-created = 一次性账户 { $address } 已创建并添加到您的账户中。按“连接”即可使用。
register-dismiss = 确定
register-failed = 未能在 { $server } 上创建账户。
register-failed-unknown-server = 未能创建一次性账户。
register-failed-reason = 发生了什么：{ $reason }
register-failed-next = 没有添加任何内容。请几分钟后重试，或从列表中选择其他服务器；如果服务器要求电子邮件地址或验证码，请在其网站上创建账户。

## 更新
update-check = 检查更新
update-not-configured = 此版本不知道去哪里检查更新。请在您信任的浏览器中访问 Tor Messenger 网站，查看是否有新版本。
update-periodic = Tor Messenger 运行时每天检查一次更新
update-periodic-hint = 只会显示通知；不会自行下载或安装任何东西。
update-notice-available = 版本 { $version } 可用
update-notice-refused = 更新检查发现了问题
update-title = 更新
update-checking = 正在通过 Tor 获取已签名的版本列表…
update-up-to-date = 已是最新：您使用的是 { $current }，最新版本是 { $latest }。
update-available = 版本 { $version } 可用（{ $megabytes } MB）。
update-available-next = 没有下载任何内容。要获取它，请运行“tor-messenger-launcher download”：它通过 Tor 下载新软件包，只有大小、校验和与签名都正确时才会保留。然后退出 Tor Messenger，将软件包解压到新文件夹，并把您的 Data 文件夹移入其中，以保留账户和密钥。
update-refused = 更新信息被拒绝。
update-close = 关闭
update-unreachable = 无法通过 Tor 获取更新信息（{ $detail }）。请稍后重试。
update-expired = 已签名的版本列表已于 { $expires } 过期。可能有人向您隐瞒新版本，或者您电脑的时钟不对。请检查日期，然后稍后重试。
update-rollback-sequence = 版本列表（编号 { $got }）比已见过的列表（编号 { $seen }）更旧。可能有人试图让您安装有已知漏洞的旧版本：不要据此更新。
update-rollback-version = 版本列表提供的版本 { $got } 低于之前提供的 { $seen }。可能有人试图让您安装旧版本：不要据此更新。
update-conflicting = 版本列表与已见过的同编号列表不同，可能已被篡改：不要据此更新，请稍后重试。
update-unknown-key = 版本列表由密钥 { $key } 签名，它不是 Tor Messenger 的发布密钥。不要信任它。
update-bad-signature = 版本列表的签名不匹配，可能已被篡改或损坏：不要信任它，请稍后重试。
update-wrong-software = 版本列表属于其他软件或其他发布渠道，已被拒绝。
update-wrong-platform = 版本列表中没有适用于此电脑的有效版本，已被拒绝。
update-too-large = 服务器发送的数据远超版本列表可能的大小，已停止并拒绝。
update-malformed = 版本列表已签名但无法读取，已被拒绝；请稍后重试。
update-other = 更新信息被拒绝：{ $detail }
update-state-file = 您配置文件中之前检查的记录无法使用：{ $detail }

account-sasl = 登录（SASL）
account-sasl-automatic = 自动（服务器提供的最安全方式）
account-sasl-plain = 密码（PLAIN，仅限加密连接）
account-sasl-scram = 密码证明（SCRAM-SHA-256）
account-sasl-external = 客户端证书（EXTERNAL）
account-sasl-ecdsa = 证书密钥（ECDSA-NIST256P-CHALLENGE）
account-sasl-off = 不用 SASL（密码发给 NickServ，仅限 TLS）
account-certificate = 客户端证书
account-certificate-none = 无
account-certificate-generate = 为此账户生成一个
account-certificate-import = 导入 PEM 文件
account-certificate-file = 证书文件（PEM）
account-certificate-key-file = 密钥文件（如果分开）
account-certificate-created = { $account } 的客户端证书
account-certificate-register = 用密码登录时在网络上注册它，然后连接：
account-certificate-fingerprints = 指纹：SHA-512 { $sha512 }，SHA-256 { $sha256 }
account-certificate-failed = 未添加账户：{ $reason }
account-missing-certificate = 请输入要导入的证书文件。
account-tls-name = 服务器证书中的名称
preset-note-libera = 通过 Tor 使用 Libera.Chat 需要一个用电子邮件（在不经 Tor 的连接上）注册的账户，并用客户端证书登录：在这里生成一个，在 NickServ 注册，然后连接到 onion 地址。
preset-note-oftc = OFTC 欢迎 Tor 用户。在 NickServ 注册你的昵称；之后 OFTC 会通过你的客户端证书（CertFP）或 TLS 上的密码识别你。
## Tor connection (connection screen, Settings > Tor connection)
connection-title = 正在连接 Tor
connection-wait-hint = 这通常不到一分钟。如果你的网络封锁了 Tor，你现在就可以选择一个网桥。
connection-choose = 选择连接方式…
connection-stalled-title = Tor 无法连接
connection-stalled-notice = Tor 无法连接：请选择方式
connection-last-warning = Tor 的最后一条消息：{ $warning }
connection-choices = 你可以：
connection-applying = 正在把更改交给 Tor…
stall-clock = 这台电脑的时钟似乎不对。日期、时间或时区错误时 Tor 无法连接：请在系统设置中更正。
stall-transport = Tor Messenger 的 { $transport } 程序无法启动或已停止。请重新解压 Tor Messenger（安全软件有时会删除或拦截它），或在下面选择其他方式。
stall-transport-unknown = 一个可插拔传输程序无法启动或已停止。请重新解压 Tor Messenger，或在下面选择其他方式。
stall-snowflake-broker = Snowflake 无法连接到它寻找志愿代理的中介服务器：你的网络可能封锁了它。请试试 obfs4 网桥，或朋友给的网桥。
stall-bridges = 正在使用的网桥没有响应：它们可能已下线或被封锁，或者某一行在复制时被截断了。请试试其他网桥。
stall-blocked = 到 Tor 网络的连接被拒绝或切断：你的网络很可能封锁了 Tor。网桥可以隐藏你在使用 Tor。
stall-no-answer = Tor 收不到 Tor 网络的回应：你的网络可能在悄悄封锁 Tor，或者网络非常慢。
choice-snowflake = 使用内置的 snowflake 网桥
choice-snowflake-hint = Snowflake 通过短暂存在的志愿代理连接，在大多数地方都能用。
choice-obfs4 = 使用内置的 obfs4 网桥
choice-obfs4-hint = obfs4 让 Tor 的流量看起来像随机字节；在某些国家，审查者知道这些内置网桥。
choice-own = 使用我的网桥（{ $count }）
choice-enter = 输入网桥…
choice-enter-hint = 从 bridges.torproject.org（或发邮件到 bridges@torproject.org）或朋友那里获取网桥，粘贴到这里，每行一个。
choice-enter-placeholder = obfs4 192.0.2.1:443 指纹 cert=… iat-mode=0
choice-enter-apply = 使用这些网桥
choice-direct = 不用网桥直接连接
choice-wait = 继续等待
change-failed-unavailable = Tor 没有运行，所以没有做任何更改。
change-failed-refused = Tor 拒绝了这项更改，所以没有做任何更改：{ $reason }
change-failed-transport = Tor Messenger 中缺少 { $transport } 程序：请重新解压。没有做任何更改。
change-failed-no-own = 你还没有自己的网桥：请先输入一些。
change-failed-not-kept = Tor 正在使用你的网桥，但无法保存它们以备以后使用：{ $reason }
bridge-error = 网桥“{ $line }”：{ $problem }。没有做任何更改。
bridge-error-numbered = 第 { $number } 行（“{ $line }”）：{ $problem }。没有做任何更改。
bridge-problem-empty = 没有任何网桥行
bridge-problem-control = 它包含网桥行中不能出现的字符
bridge-problem-transport = Tor Messenger 没有“{ $name }”传输（它有 obfs4 和 snowflake）
bridge-problem-address = “{ $text }”不是带端口的 IP 地址，例如 192.0.2.1:443
bridge-problem-fingerprint = 指纹“{ $text }”不是 40 位十六进制数字
bridge-problem-cert = cert= 部分不是有效的 obfs4 证书；这一行是否在复制时被截断了？
bridge-problem-missing = 缺少 { $text }= 部分
bridge-problem-argument = 这一行中的“{ $text }”不正确
bridge-problem-other = 这不是 Tor Messenger 可以使用的网桥行
tor-settings-title = Tor 连接
tor-settings-unknown = 正在等待 Tor 告知它使用的网桥…
tor-settings-direct = Tor 不使用网桥，直接连接。
tor-settings-built-in = Tor 正在使用内置的 { $transport } 网桥（{ $count }）。
tor-settings-custom = Tor 正在使用你的网桥（{ $count }）：
tor-settings-change = 更改 Tor 的连接方式：
tor-settings-note = 更改会立即交给正在运行的 Tor，Tor 会在下次启动时继续使用。
settings-page-general = 常规
members-logged-in-as = 已登录为 { $account }
