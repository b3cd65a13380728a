//! Loads a project and everything it depends on, in build order.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Project;
use crate::error::{Error, Result};

/// The projects needed for `target`, dependencies first (each exactly once).
pub fn build_order(projects_dir: &Path, target: &str) -> Result<Vec<Project>> {
    let mut loaded: BTreeMap<String, Project> = BTreeMap::new();
    let mut order = Vec::new();
    let mut stack = Vec::new();
    visit(
        projects_dir,
        target,
        "the command line",
        &mut loaded,
        &mut stack,
        &mut order,
    )?;
    Ok(order
        .into_iter()
        .filter_map(|name| loaded.remove(&name))
        .collect())
}

/// Depth-first: a project already on the stack means a cycle.
fn visit(
    projects_dir: &Path,
    name: &str,
    wanted_by: &str,
    loaded: &mut BTreeMap<String, Project>,
    stack: &mut Vec<String>,
    order: &mut Vec<String>,
) -> Result<()> {
    if let Some(position) = stack.iter().position(|n| n == name) {
        let mut cycle: Vec<&str> = stack[position..].iter().map(String::as_str).collect();
        cycle.push(name);
        return Err(Error::Cycle(cycle.join(" -> ")));
    }
    if loaded.contains_key(name) {
        return Ok(());
    }
    let project = Project::load(projects_dir, name, wanted_by)?;
    stack.push(name.to_string());
    let wanted = format!("project `{name}`");
    for dep in &project.deps {
        visit(projects_dir, dep, &wanted, loaded, stack, order)?;
    }
    stack.pop();
    loaded.insert(name.to_string(), project);
    order.push(name.to_string());
    Ok(())
}
