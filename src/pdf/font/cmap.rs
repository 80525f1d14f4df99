//! ToUnicode CMap (PDF 32000-1:2008, 9.10.3; Adobe TN 5411).

use std::fmt::Write as _;

/// Builds a ToUnicode CMap for 2-byte codes (`Identity-H`) from
/// `(cid, text)` pairs. `text` may be several characters (ligatures,
/// clusters); characters outside the BMP are written as surrogate pairs.
pub fn to_unicode_cmap<'a>(entries: impl IntoIterator<Item = (u16, &'a str)>) -> Vec<u8> {
    let entries: Vec<(u16, &str)> = entries.into_iter().filter(|(_, t)| !t.is_empty()).collect();
    let mut s = String::new();
    s.push_str(
        "/CIDInit /ProcSet findresource begin\n\
         12 dict begin\n\
         begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n\
         /CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries per bfchar block.
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (cid, text) in chunk {
            let _ = write!(s, "<{cid:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(s, "{unit:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str(
        "endcmap\n\
         CMapName currentdict /CMap defineresource pop\n\
         end\n\
         end\n",
    );
    s.into_bytes()
}

/// `text` as a PDF text string in UTF-16BE with BOM (for `/ActualText`).
pub fn utf16be_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_entries() {
        let cmap = to_unicode_cmap([(1, "fi"), (2, "日"), (3, "𠮷"), (4, "")]);
        let s = String::from_utf8(cmap).unwrap();
        assert!(s.contains("3 beginbfchar\n"));
        assert!(s.contains("<0001> <00660069>\n"));
        assert!(s.contains("<0002> <65E5>\n"));
        assert!(s.contains("<0003> <D842DFB7>\n"));
        assert!(!s.contains("<0004>"));
    }

    #[test]
    fn cmap_blocks_of_100() {
        let texts: Vec<String> = (0..250)
            .map(|i| char::from_u32(0x4E00 + i).unwrap().to_string())
            .collect();
        let cmap = to_unicode_cmap(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| (i as u16 + 1, t.as_str())),
        );
        let s = String::from_utf8(cmap).unwrap();
        assert_eq!(s.matches("100 beginbfchar").count(), 2);
        assert_eq!(s.matches("50 beginbfchar").count(), 1);
    }
}
