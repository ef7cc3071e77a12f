// Text for an XML 1.0 element or attribute. Characters XML 1.0 cannot carry at all (most C0 controls, lone
// surrogates, U+FFFE/U+FFFF) become U+FFFD so the document always parses; CR is kept as a reference so
// parsers do not fold it into LF.
// https://www.w3.org/TR/xml/#charsets
export function escapeXml(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement: string | undefined;
    if (c === 0x26) replacement = '&amp;';
    else if (c === 0x3c) replacement = '&lt;';
    else if (c === 0x3e) replacement = '&gt;';
    else if (c === 0x22) replacement = '&quot;';
    else if (c === 0x0d) replacement = '&#xD;';
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a) replacement = '\uFFFD';
    else if (c === 0xfffe || c === 0xffff) replacement = '\uFFFD';
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else replacement = '\uFFFD';
    } else if (c >= 0xdc00 && c <= 0xdfff) replacement = '\uFFFD';
    if (replacement !== undefined) {
      out += text.slice(from, i) + replacement;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
