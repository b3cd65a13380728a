use super::*;

fn query(xml: &str) -> Element {
    xml.parse().unwrap()
}

#[test]
fn name_and_password_forms_are_filled_others_refused() {
    assert!(!asks_for_more(&query(
        "<query xmlns='jabber:iq:register'><instructions>Choose</instructions><username/><password/></query>"
    )));
    assert!(asks_for_more(&query(
        "<query xmlns='jabber:iq:register'><username/><password/><email/></query>"
    )));
    assert!(asks_for_more(&query(
        "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='form'>\
             <field var='FORM_TYPE' type='hidden'><value>jabber:iq:register</value></field>\
             <field var='username'><required/></field><field var='ocr'><required/></field></x></query>"
    )));
    assert!(!asks_for_more(&query(
        "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='form'>\
             <field var='username'><required/></field><field var='password'><required/></field></x>\
             <username/><password/></query>"
    )));
}
