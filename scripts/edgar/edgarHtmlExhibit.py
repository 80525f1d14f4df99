"""
edgarHtmlExhibit -- Arelle plug-in that applies Arelle's own EDGAR HTML rules to a
standalone (non-XBRL) .htm exhibit given with --file.

Why: arelle-release's validate/EFM plug-in only checks characters/entities of a plain
HTML entry file (EFM.5.02.01.01 / EFM.5.02.02.06, from ValidateFilingText.checkfile).
The tag/attribute subset (config/edbody.dtd, "limited to EDGAR Filer Manual Vol II
5.2.2") and the active-content / external-reference / image / nested-table rules
(ValidateFilingText.validateHtmlContent) are only applied to XBRL text blocks,
footnotes and inline XBRL documents.  This plug-in calls those same functions on the
loaded HTML document.

Use together with validate/EFM (which supplies the disclosure system settings:
validateEntryText, allowedExternalHrefPattern, allowedImageTypes):

  arelleCmdLine --file x.htm --plugins 'validate/EFM|/path/edgarHtmlExhibit.py' \
      --disclosureSystem efm-pragmatic --validate --internetConnectivity offline

Message codes it emits itself (all level error):
  EFM.5.02.05.dtdError          body does not conform to Arelle's edbody.dtd
                                 (element not in EDGAR subset, attribute not allowed, ...)
  EFM.5.02.05.headElement       element in <head> other than <title>/<meta>
  EFM.5.02.05.htmlStructure     root is not <html>, child of <html> not head/body, no body
  EFM.5.02.05.htmlAttribute     attribute on <html>/<head>/<title>/<meta> not allowed
Codes emitted by Arelle's ValidateFilingText.validateHtmlContent (prefix EFM.5.02.05.):
  activeContent, externalReference, graphicDataUrl, graphicDataEncodingError,
  graphicFileType, graphicFileContent, graphicFileError, disallowedMetaContent, nestedTable
"""
from lxml import etree

from arelle import ValidateFilingText, XbrlConst
from arelle.ModelDocument import Type

_XHTML = "{%s}" % XbrlConst.xhtml
_HEAD_OK = {"title", "meta"}
_ATTRS_OK = {
    "html": {"lang", "{http://www.w3.org/XML/1998/namespace}lang", "dir"},
    "head": set(),
    "title": set(),
    "meta": {"http-equiv", "content", "name"},
}


def _local(tag):
    if not isinstance(tag, str):
        return None
    return tag[len(_XHTML):] if tag.startswith(_XHTML) else tag


def _plainCopy(elt):
    """Copy of elt's subtree without the XHTML namespace (edbody.dtd declares plain names),
    keeping source lines so DTD messages point into the original file."""
    new = etree.Element(_local(elt.tag))
    for k, v in elt.items():
        new.set(k, v)
    new.text = elt.text
    new.sourceline = elt.sourceline
    for child in elt:
        if isinstance(child.tag, str):
            c = _plainCopy(child)
        else:  # comment / PI: keep as comment so text tails survive
            c = etree.Comment(child.text or "")
        c.tail = child.tail
        new.append(c)
    return new


def validateFinally(val, *args, **kwargs):
    modelXbrl = val.modelXbrl
    ds = modelXbrl.modelManager.disclosureSystem
    doc = modelXbrl.modelDocument
    if not (val.validateDisclosureSystem and ds.validationType == "EFM" and doc is not None):
        return
    if doc.type in (Type.INSTANCE, Type.INLINEXBRL, Type.INLINEXBRLDOCUMENTSET, Type.SCHEMA, Type.LINKBASE):
        return  # real XBRL: EFM plug-in's own rules apply
    root = doc.xmlRootElement
    if root is None:
        return
    fileName = doc.basename
    label = "Document {}".format(fileName)

    if _local(root.tag) != "html":
        modelXbrl.error("EFM.5.02.05.htmlStructure",
                        "%(label)s root element is <%(element)s>, expected <html>",
                        modelObject=root, label=label, element=_local(root.tag))
        return

    body = None
    for elt in root.iter():
        ln = _local(elt.tag)
        if ln is None:
            continue
        parent = elt.getparent()
        pln = _local(parent.tag) if parent is not None else None
        if pln == "html" and ln not in ("head", "body"):
            modelXbrl.error("EFM.5.02.05.htmlStructure",
                            "%(label)s has <%(element)s> directly inside <html> (only <head> and <body> allowed)",
                            modelObject=elt, label=label, element=ln)
        if pln == "head" and ln not in _HEAD_OK:
            modelXbrl.error("EFM.5.02.05.headElement",
                            "%(label)s has disallowed element <%(element)s> in <head> (only <title> and <meta>)",
                            modelObject=elt, label=label, element=ln)
        if ln in _ATTRS_OK and pln in (None, "html", "head"):
            for attr, value in elt.items():
                if attr not in _ATTRS_OK[ln]:
                    modelXbrl.error("EFM.5.02.05.htmlAttribute",
                                    '%(label)s has disallowed attribute on <%(element)s>: %(attribute)s="%(value)s"',
                                    modelObject=elt, label=label, element=ln, attribute=attr, value=value)
        if ln == "body" and pln == "html" and body is None:
            body = elt

    if body is None:
        modelXbrl.error("EFM.5.02.05.htmlStructure", "%(label)s has no <body> element inside <html>",
                        modelObject=root, label=label)
    else:
        ValidateFilingText.loadDTD(modelXbrl)  # edbody.dtd (non-inline) from Arelle's config dir
        dtd = ValidateFilingText.edbodyDTD
        if not dtd.validate(_plainCopy(body)):
            for e in dtd.error_log.filter_from_errors():
                modelXbrl.error("EFM.5.02.05.dtdError",
                                "%(label)s line %(line)s: %(error)s",
                                modelObject=body, label=label, line=e.line, error=e.message)

    # Undefined named entities (e.g. &nbsp;) stay in the recovered tree as entity-reference
    # nodes (already reported as xmlSchema:syntax); validateHtmlContent of this Arelle
    # version crashes on them, so drop them (keeping their tail text) before calling it.
    for ent in [e for e in root.iter() if isinstance(e, etree._Entity)]:
        parent = ent.getparent()
        if ent.tail:
            prev = ent.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + ent.tail
            else:
                parent.text = (parent.text or "") + ent.tail
        parent.remove(ent)

    # Arelle's own checks: javascript: links, external references other than the allowed
    # sec.gov pattern, image type/content/existence, <meta> content, nested tables.
    ValidateFilingText.validateHtmlContent(modelXbrl, root, root, label, "EFM.5.02.05.", isInline=False)


__pluginInfo__ = {
    "name": "EDGAR HTML exhibit checks",
    "version": "0.1",
    "description": "Applies Arelle's EDGAR HTML rules (edbody.dtd, validateHtmlContent) to a standalone .htm entry file.",
    "license": "Apache-2",
    "author": "relkit",
    "copyright": "",
    "Validate.XBRL.Finally": validateFinally,
}
