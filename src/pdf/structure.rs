//! The tagged-PDF structure (PDF 32000-1:2008, 14.7–14.8): the
//! marked-content sequences in each page's content stream
//! (`/P <</MCID 3>> BDC … EMC` for content, `/Artifact BMC … EMC` for page
//! furniture) and the structure tree they belong to — `StructTreeRoot` →
//! `Document` → `H1`–`H6`, `P`, `L`/`LI`/`Lbl`/`LBody`, `BlockQuote`,
//! `Note`, `Table`/`TR`/`TH` (with its scope)/`TD`, `Figure` (with its
//! alternate text) — with the parent tree that leads from each page's
//! marked content back to its element. Elements with no content are left
//! out.

use super::display::{Role, Scope, StructKind, StructNode};
use super::font::cmap::utf16be_with_bom;
use super::writer::name;
use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat, dictionary};

/// Collects which element each marked-content sequence belongs to while
/// the pages are written, then writes the structure tree.
pub struct StructureWriter {
    nodes: Vec<StructNode>,
    /// The marked-content references of each element: (page, MCID).
    marks: Vec<Vec<(usize, i64)>>,
    /// Per page, the element of each MCID (the page's parent-tree entry).
    parents: Vec<Vec<usize>>,
}

impl StructureWriter {
    /// A writer for the elements `nodes` (element 0 is the document; an
    /// empty list is taken as a document with nothing in it).
    pub fn new(nodes: &[StructNode]) -> StructureWriter {
        let mut nodes = nodes.to_vec();
        if nodes.is_empty() {
            nodes.push(StructNode {
                kind: StructKind::Document,
                parent: None,
                alt: None,
            });
        }
        StructureWriter {
            marks: vec![Vec::new(); nodes.len()],
            nodes,
            parents: Vec::new(),
        }
    }

    /// The element content marked for `element` goes to (the document when
    /// the index is not an element's).
    fn element(&self, element: usize) -> usize {
        if element < self.nodes.len() {
            element
        } else {
            0
        }
    }

    /// A new marked-content identifier on `page` for `element`.
    fn mark(&mut self, page: usize, element: usize) -> i64 {
        if self.parents.len() <= page {
            self.parents.resize(page + 1, Vec::new());
        }
        let Some(on_page) = self.parents.get_mut(page) else {
            return 0;
        };
        let mcid = on_page.len() as i64;
        on_page.push(element);
        if let Some(marks) = self.marks.get_mut(element) {
            marks.push((page, mcid));
        }
        mcid
    }

    /// Write the structure tree into `doc`; returns the `StructTreeRoot`.
    pub fn write(self, doc: &mut Document, page_ids: &[ObjectId]) -> ObjectId {
        let count = self.nodes.len();
        // Children in reading order; a parent always comes before its
        // children, which also rules out cycles.
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (i, node) in self.nodes.iter().enumerate().skip(1) {
            let parent = node.parent.filter(|&p| p < i).unwrap_or(0);
            if let Some(list) = children.get_mut(parent) {
                list.push(i);
            }
        }
        // Keep an element when it or one of its descendants has content.
        let mut keep = vec![false; count];
        for i in (0..count).rev() {
            let own = self.marks.get(i).is_some_and(|m| !m.is_empty());
            let below = children
                .get(i)
                .is_some_and(|c| c.iter().any(|&k| keep.get(k).copied().unwrap_or(false)));
            if let Some(k) = keep.get_mut(i) {
                *k = own || below || i == 0;
            }
        }
        let root = doc.new_object_id();
        let ids: Vec<Option<ObjectId>> = keep
            .iter()
            .map(|&k| k.then(|| doc.new_object_id()))
            .collect();
        let id = |i: usize| ids.get(i).copied().flatten();
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(own_id) = id(i) else {
                continue;
            };
            let parent = if i == 0 {
                root
            } else {
                node.parent.filter(|&p| p < i).and_then(id).unwrap_or(root)
            };
            let mut kids: Vec<Object> = children
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|&c| id(c).map(Object::Reference))
                .collect();
            for &(page, mcid) in self.marks.get(i).into_iter().flatten() {
                if let Some(page_id) = page_ids.get(page) {
                    kids.push(Object::Dictionary(dictionary! {
                        "Type" => "MCR",
                        "Pg" => Object::Reference(*page_id),
                        "MCID" => mcid,
                    }));
                }
            }
            let mut element = dictionary! {
                "Type" => "StructElem",
                "S" => name(node.kind.name()),
                "P" => Object::Reference(parent),
                "K" => kids,
            };
            if let Some(alt) = &node.alt {
                element.set(
                    "Alt",
                    Object::String(utf16be_with_bom(alt), StringFormat::Hexadecimal),
                );
            }
            if let StructKind::TH(scope) = node.kind {
                element.set(
                    "A",
                    dictionary! {
                        "O" => "Table",
                        "Scope" => match scope {
                            Scope::Column => "Column",
                            Scope::Row => "Row",
                        },
                    },
                );
            }
            doc.objects.insert(own_id, Object::Dictionary(element));
        }
        let mut nums = Vec::with_capacity(page_ids.len() * 2);
        for page in 0..page_ids.len() {
            let elements: Vec<Object> = self
                .parents
                .get(page)
                .into_iter()
                .flatten()
                .map(|&e| id(e).map_or(Object::Null, Object::Reference))
                .collect();
            nums.push(Object::Integer(page as i64));
            nums.push(Object::Array(elements));
        }
        let document = id(0).map_or(Object::Null, Object::Reference);
        let tree = dictionary! {
            "Type" => "StructTreeRoot",
            "K" => vec![document],
            "ParentTree" => Object::Dictionary(Dictionary::from_iter([("Nums", Object::Array(nums))])),
            "ParentTreeNextKey" => page_ids.len() as i64,
        };
        doc.objects.insert(root, Object::Dictionary(tree));
        root
    }
}

/// The marked-content state of one page's content stream: items of the
/// same element (or consecutive furniture) share one sequence.
pub struct MarkedContent {
    page: usize,
    open: Option<Role>,
}

impl MarkedContent {
    /// Page `page` (0-based), nothing open.
    pub fn new(page: usize) -> MarkedContent {
        MarkedContent { page, open: None }
    }

    /// Make what follows in `ops` belong to `role`: close the open
    /// sequence and begin a new one unless it is already `role`'s.
    pub fn switch(
        &mut self,
        ops: &mut Vec<Operation>,
        structure: &mut StructureWriter,
        role: Role,
    ) {
        let role = match role {
            Role::Content(element) => Role::Content(structure.element(element)),
            Role::Artifact => Role::Artifact,
        };
        if self.open == Some(role) {
            return;
        }
        self.finish(ops);
        match role {
            Role::Artifact => ops.push(Operation::new("BMC", vec![name("Artifact")])),
            Role::Content(element) => {
                let mcid = structure.mark(self.page, element);
                let tag = structure.nodes.get(element).map_or("P", |n| n.kind.name());
                ops.push(Operation::new(
                    "BDC",
                    vec![
                        name(tag),
                        Object::Dictionary(dictionary! { "MCID" => mcid }),
                    ],
                ));
            }
        }
        self.open = Some(role);
    }

    /// Close the open sequence, if any.
    pub fn finish(&mut self, ops: &mut Vec<Operation>) {
        if self.open.take().is_some() {
            ops.push(Operation::new("EMC", vec![]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(kind: StructKind, parent: Option<usize>) -> StructNode {
        StructNode {
            kind,
            parent,
            alt: None,
        }
    }

    #[test]
    fn marks_share_a_sequence_and_empty_elements_are_left_out() {
        let nodes = vec![
            node(StructKind::Document, None),
            node(StructKind::P, Some(0)),
            node(StructKind::P, Some(0)), // nothing placed in it
            node(StructKind::Heading(1), Some(0)),
        ];
        let mut structure = StructureWriter::new(&nodes);
        let mut ops = Vec::new();
        let mut marked = MarkedContent::new(0);
        marked.switch(&mut ops, &mut structure, Role::Content(3));
        marked.switch(&mut ops, &mut structure, Role::Content(3));
        marked.switch(&mut ops, &mut structure, Role::Artifact);
        marked.switch(&mut ops, &mut structure, Role::Content(1));
        marked.finish(&mut ops);
        let operators: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(
            operators,
            ["BDC", "EMC", "BMC", "EMC", "BDC", "EMC"],
            "one sequence per run of the same role"
        );
        let mut doc = Document::with_version("1.7");
        let page = doc.add_object(dictionary! { "Type" => "Page" });
        let root = structure.write(&mut doc, &[page]);
        let Ok(Object::Dictionary(tree)) = doc.get_object(root) else {
            panic!("no structure tree root");
        };
        assert_eq!(
            tree.get(b"ParentTreeNextKey").ok(),
            Some(&Object::Integer(1))
        );
        let elements: Vec<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").ok() == Some(&Object::Name(b"StructElem".to_vec())))
            .filter_map(|d| d.get(b"S").ok().and_then(|s| s.as_name().ok()))
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect();
        let mut sorted = elements.clone();
        sorted.sort();
        assert_eq!(sorted, ["Document", "H1", "P"], "the empty P is left out");
    }
}
