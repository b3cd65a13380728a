//! The generated ejabberd.yml, ejabberdctl.cfg and inetrc.

use std::path::Path;
use std::time::Duration;

/// Names resolve from this file only: `localhost` for the Erlang node, nothing through DNS.
pub(super) const INETRC: &str = "{lookup, [file]}.\n{host, {127,0,0,1}, [\"localhost\"]}.\n";

pub(super) struct Input<'a> {
    pub domain: &'a str,
    pub c2s_port: u16,
    pub direct_tls_port: u16,
    pub pem_path: &'a Path,
    pub resume_timeout: Duration,
}

/// The server configuration. YAML strings are written with `{:?}` (a JSON-compatible quoted
/// string, which YAML accepts).
pub(super) fn ejabberd_yml(input: &Input<'_>) -> String {
    let Input {
        domain,
        c2s_port,
        direct_tls_port,
        pem_path,
        resume_timeout,
    } = *input;
    let resume = resume_timeout.as_secs().max(1);
    let pem = format!("{:?}", pem_path.display().to_string());
    format!(
        "loglevel: info
log_rotate_count: 0
hosts:
  - {domain:?}
certfiles:
  - {pem}
acme:
  auto: false
listen:
  -
    port: {c2s_port}
    ip: \"127.0.0.1\"
    module: ejabberd_c2s
    max_stanza_size: 262144
    access: c2s
    starttls_required: true
  -
    port: {direct_tls_port}
    ip: \"127.0.0.1\"
    module: ejabberd_c2s
    max_stanza_size: 262144
    access: c2s
    tls: true
auth_method: internal
auth_password_format: scram
# Never to another server: every test stays on loopback.
s2s_access: s2s
acl:
  local:
    user_regexp: \"\"
access_rules:
  local:
    allow: local
  c2s:
    allow: all
  s2s:
    deny: all
  muc_create:
    allow: local
  pubsub_createnode:
    allow: local
api_permissions:
  \"console commands\":
    from:
      - ejabberd_ctl
    who: all
    what: \"*\"
shaper_rules:
  max_user_sessions: 10
modules:
  mod_caps: {{}}
  mod_carboncopy: {{}}
  mod_disco: {{}}
  mod_muc:
    host: \"conference.@HOST@\"
    access:
      - allow
    access_create: muc_create
    access_persistent: muc_create
  mod_offline: {{}}
  mod_ping: {{}}
  mod_pubsub:
    host: \"pubsub.@HOST@\"
    access_createnode: pubsub_createnode
    plugins:
      - flat
      - pep
    # OMEMO: another user must read a device's bundle without a presence subscription.
    force_node_config:
      \"eu.siacs.conversations.axolotl.*\":
        access_model: open
      \"urn:xmpp:omemo:2:bundles\":
        access_model: open
      \"urn:xmpp:omemo:2:devices\":
        access_model: open
  mod_roster: {{}}
  mod_stream_mgmt:
    resume_timeout: {resume}
    max_resume_timeout: {resume}
    resend_on_timeout: if_offline
"
    )
}

/// What `ejabberdctl` reads to reach the node: run as the current user (root included: the
/// script would otherwise switch to the `ejabberd` user), this node's name, its distribution
/// port (so no epmd is asked or started) and its cookie.
pub(super) fn ejabberdctl_cfg(node: &str, dist_port: u16, cookie: &str) -> String {
    format!(
        "EXEC_CMD=as_current_user\n\
         ERLANG_NODE={node}\n\
         ERL_DIST_PORT={dist_port}\n\
         ERL_OPTIONS=\"-setcookie {cookie}\"\n"
    )
}
