//! The XMP metadata packet (ISO 16684-1) of every PDF: the same title,
//! author, subject, keywords, producer and dates as the Info dictionary —
//! PDF/A requires the two to agree — plus the PDF/A identification
//! (`pdfaid:part`, `pdfaid:conformance`), the document's language, and
//! relkit's own properties — its version and the SHA-256 of the draft
//! (`relkit:Version`, `relkit:DraftSHA256`), declared in a PDF/A extension
//! schema as PDF/A requires of properties outside the standard schemas.

use super::PdfStandard;
use super::display::DocumentInfo;

/// The packet for `info`, identified as `standard`.
pub fn packet(info: &DocumentInfo, standard: PdfStandard) -> String {
    let mut out = String::with_capacity(2048);
    out.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    out.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    out.push_str(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");

    out.push_str(
        "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
    );
    out.push_str("   <dc:format>application/pdf</dc:format>\n");
    push_alt(&mut out, "dc:title", &info.title);
    if let Some(author) = &info.author {
        out.push_str("   <dc:creator><rdf:Seq><rdf:li>");
        out.push_str(&escape(author));
        out.push_str("</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if let Some(subject) = &info.subject {
        push_alt(&mut out, "dc:description", subject);
    }
    out.push_str("   <dc:language><rdf:Bag><rdf:li>");
    out.push_str(&escape(&info.lang));
    out.push_str("</rdf:li></rdf:Bag></dc:language>\n");
    out.push_str("  </rdf:Description>\n");

    out.push_str("  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    push_simple(&mut out, "pdf:Producer", &info.producer);
    if let Some(keywords) = &info.keywords {
        push_simple(&mut out, "pdf:Keywords", keywords);
    }
    out.push_str("  </rdf:Description>\n");

    out.push_str("  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    push_simple(&mut out, "xmp:CreatorTool", &info.producer);
    if let Some(date) = info.date.as_deref().and_then(xmp_date) {
        for property in ["xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"] {
            push_simple(&mut out, property, &date);
        }
    }
    out.push_str("  </rdf:Description>\n");

    out.push_str(
        "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n",
    );
    push_simple(&mut out, "pdfaid:part", standard.part());
    push_simple(&mut out, "pdfaid:conformance", "B");
    out.push_str("  </rdf:Description>\n");

    out.push_str(RELKIT_SCHEMA);
    out.push_str(
        "  <rdf:Description rdf:about=\"\" xmlns:relkit=\"https://relkit.dev/ns/xmp/1.0/\">\n",
    );
    push_simple(&mut out, "relkit:Version", &info.relkit_version);
    if let Some(hash) = &info.draft_sha256 {
        push_simple(&mut out, "relkit:DraftSHA256", hash);
    }
    out.push_str("  </rdf:Description>\n");

    out.push_str(" </rdf:RDF>\n</x:xmpmeta>\n");
    // Room for an editor to update the packet in place, as the spec advises.
    for _ in 0..8 {
        out.push_str(&" ".repeat(99));
        out.push('\n');
    }
    out.push_str("<?xpacket end=\"w\"?>");
    out
}

/// The PDF/A extension schema that declares relkit's properties (ISO
/// 19005-1, 6.7.8).
const RELKIT_SCHEMA: &str = r#"  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>relkit build record</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>https://relkit.dev/ns/xmp/1.0/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>relkit</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>Version</pdfaProperty:name>
         <pdfaProperty:valueType>Text</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>The relkit version that built the file</pdfaProperty:description>
        </rdf:li>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>DraftSHA256</pdfaProperty:name>
         <pdfaProperty:valueType>Text</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>SHA-256 of the draft the file was built from</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
"#;

fn push_simple(out: &mut String, property: &str, value: &str) {
    out.push_str("   <");
    out.push_str(property);
    out.push('>');
    out.push_str(&escape(value));
    out.push_str("</");
    out.push_str(property);
    out.push_str(">\n");
}

fn push_alt(out: &mut String, property: &str, value: &str) {
    out.push_str("   <");
    out.push_str(property);
    out.push_str("><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    out.push_str(&escape(value));
    out.push_str("</rdf:li></rdf:Alt></");
    out.push_str(property);
    out.push_str(">\n");
}

/// `2003-02-14` as an XMP date, `2003-02-14T00:00:00+00:00`.
fn xmp_date(iso: &str) -> Option<String> {
    let digits: String = iso.chars().filter(char::is_ascii_digit).collect();
    let (year, rest) = digits.split_at_checked(4)?;
    let (month, day) = rest.split_at_checked(2)?;
    (day.len() == 2).then(|| format!("{year}-{month}-{day}T00:00:00+00:00"))
}

/// Text as XML character data: markup characters escaped (as on the
/// page), characters XML does not allow (controls other than tab and
/// newline) dropped.
fn escape(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n') || !c.is_control())
        .collect();
    crate::render::escape(&allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packet_carries_the_metadata_escaped() {
        let info = DocumentInfo {
            title: "Results <3Q> & more".into(),
            author: Some("Internet Initiative Japan Inc.".into()),
            subject: None,
            keywords: Some("IIJ".into()),
            lang: "en".into(),
            date: Some("2003-02-14".into()),
            producer: "relkit 0.1.0".into(),
            relkit_version: "0.1.0".into(),
            draft_sha256: Some("ab".repeat(32)),
        };
        let xmp = packet(&info, PdfStandard::A2b);
        assert!(
            xmp.contains("<rdf:li xml:lang=\"x-default\">Results &lt;3Q&gt; &amp; more</rdf:li>")
        );
        assert!(xmp.contains("<xmp:CreateDate>2003-02-14T00:00:00+00:00</xmp:CreateDate>"));
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(!xmp.contains("dc:description"));
        assert!(xmp.contains(&format!(
            "<relkit:DraftSHA256>{}</relkit:DraftSHA256>",
            "ab".repeat(32)
        )));
        assert!(xmp.contains("<pdfaSchema:prefix>relkit</pdfaSchema:prefix>"));
        assert!(packet(&info, PdfStandard::A1b).contains("<pdfaid:part>1</pdfaid:part>"));
    }

    #[test]
    fn dates_and_controls() {
        assert_eq!(
            xmp_date("2026-12-01").as_deref(),
            Some("2026-12-01T00:00:00+00:00")
        );
        assert_eq!(xmp_date("2026"), None);
        assert_eq!(escape("a\u{7}b"), "ab");
    }
}
