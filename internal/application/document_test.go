package application

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// tinyPDF is a complete one-page PDF, as small as a valid one gets.
func tinyPDF() []byte {
	return []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
		"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n" +
		"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n" +
		"trailer<</Size 4/Root 1 0 R>>\nstartxref\n160\n%%EOF\n")
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`

// zipOf builds a ZIP archive holding the named files.
func zipOf(t testing.TB, files map[string]string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "xl/workbook.xml"} {
		body, ok := files[name]
		if !ok {
			continue
		}
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// tinyDOCX is a minimal Word document with one paragraph.
func tinyDOCX(t testing.TB) []byte {
	return zipOf(t, map[string]string{
		"[Content_Types].xml": docxContentTypes,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Résumé</w:t></w:r></w:p></w:body></w:document>`,
	})
}

func TestDetectDocument(t *testing.T) {
	pdf := tinyPDF()
	docx := tinyDOCX(t)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"pdf", pdf, PDF},
		{"pdf with bytes after the trailer", append(append([]byte{}, pdf...), "\r\n\r\n"...), PDF},
		{"pdf without trailer (truncated upload)", pdf[:len(pdf)-7], ""},
		{"pdf trailer too far from the end", append(append([]byte{}, pdf...), bytes.Repeat([]byte("x"), 2000)...), ""},
		{"pdf header not at the start", append([]byte(" "), pdf...), ""},
		{"docx", docx, DOCX},
		{"zip without word/document.xml", zipOf(t, map[string]string{"[Content_Types].xml": docxContentTypes}), ""},
		{"zip without content types", zipOf(t, map[string]string{"word/document.xml": "<w:document/>"}), ""},
		{"xlsx", zipOf(t, map[string]string{"[Content_Types].xml": strings.ReplaceAll(docxContentTypes, "wordprocessingml.document.main", "spreadsheetml.sheet.main"), "xl/workbook.xml": "<x/>"}), ""},
		{"docm (macros)", zipOf(t, map[string]string{"[Content_Types].xml": strings.ReplaceAll(docxContentTypes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "application/vnd.ms-word.document.macroEnabled.main+xml"), "word/document.xml": "<w:document/>"}), ""},
		{"truncated docx", docx[:len(docx)/2], ""},
		{"empty", nil, ""},
		{"text named .pdf", []byte("Hello, I am not a PDF"), ""},
		{"html", []byte("<!doctype html><script>alert(1)</script>"), ""},
		{"png", []byte("\x89PNG\r\n\x1a\n0000"), ""},
		{"old word .doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + strings.Repeat("\x00", 100)), ""},
	}
	for _, c := range cases {
		got, ok := DetectDocument(c.data)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s: DetectDocument = %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
	// The size limit: exactly MaxDocumentBytes is accepted, one byte more refused.
	exact := append(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{' '}, MaxDocumentBytes-9-7)...), "\n%%EOF\n"...)
	if len(exact) != MaxDocumentBytes {
		t.Fatalf("fixture is %d bytes", len(exact))
	}
	if ct, ok := DetectDocument(exact); !ok || ct != PDF {
		t.Errorf("a PDF of exactly 5 MB is refused")
	}
	over := append([]byte("%PDF-1.7\n "), exact[9:]...)
	if len(over) != MaxDocumentBytes+1 {
		t.Fatalf("fixture is %d bytes", len(over))
	}
	if _, ok := DetectDocument(over); ok {
		t.Errorf("a PDF of 5 MB + 1 byte is accepted")
	}
	if Extension(PDF) != ".pdf" || Extension(DOCX) != ".docx" || Extension("text/html") != "" {
		t.Error("Extension")
	}
}

func FuzzDetectDocument(f *testing.F) {
	f.Add(tinyPDF())
	f.Add(tinyDOCX(f))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("%PDF-%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ct, ok := DetectDocument(data)
		if ok != (ct != "") || (ok && ct != PDF && ct != DOCX) {
			t.Fatalf("DetectDocument = %q, %v", ct, ok)
		}
		if ct == PDF && !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Fatal("PDF without header")
		}
	})
}
