package guard

import (
	"bytes"
	"io"
)

// xmlState is where an XMLTokens reader is in the XML text.
type xmlState uint8

const (
	inText    xmlState = iota // character data between markup
	inOpen                    // just after '<'
	inTag                     // a start or end tag, outside attribute values
	inAttr                    // inside a quoted attribute value
	inBang                    // after "<!", deciding between comment, CDATA and declaration
	inComment                 // <!-- … -->
	inCDATA                   // <![CDATA[ … ]]>
	inPI                      // <? … ?>
	inDecl                    // <!DOCTYPE …> and other declarations (see decl)
)

// XMLTokens is an io.Reader over XML text that fails with a *LimitError as soon as one
// token — the text between two tags, a tag with its attributes, a comment, a CDATA section,
// a processing instruction or a declaration — is longer than Max bytes. encoding/xml holds
// a whole token in memory, so without it a 1.5 GB run of whitespace or a 900 MB cell is
// read into memory whole. It looks at bytes only (tokens are counted before entities are
// expanded) and does not check that the XML is well-formed.
type XMLTokens struct {
	R    io.Reader
	Max  int
	What string // names a token in the error, e.g. "one XML token"

	state xmlState
	n     int    // bytes of the current token so far
	quote byte   // the quote that opened an attribute or literal
	bang  []byte // the bytes after "<!" while deciding
	depth int    // < > nesting inside a declaration
	look  int    // inside a declaration, after '<': how much of "!--" followed (-1: none)
	dcom  bool   // inside a comment inside a declaration
	last  [2]byte
	off   int64
	err   error
}

// Read implements io.Reader.
func (x *XMLTokens) Read(p []byte) (int, error) {
	if x.err != nil {
		return 0, x.err
	}
	n, err := x.R.Read(p)
	if lerr := x.scan(p[:n]); lerr != nil {
		x.err = lerr
		return 0, lerr
	}
	return n, err
}

// scan follows the token boundaries in b.
func (x *XMLTokens) scan(b []byte) error {
	for i := 0; i < len(b); {
		if j := x.skip(b[i:]); j > 0 { // fast path: bytes that change no state
			x.n += j
			x.off += int64(j)
			i += j
			if x.n > x.Max {
				return x.tooLong()
			}
			continue
		}
		if x.state != inText { // text ends before its '<'; other tokens end with their last byte
			if x.n++; x.n > x.Max {
				return x.tooLong()
			}
		}
		x.step(b[i])
		i++
		x.off++
	}
	if x.n > x.Max {
		return x.tooLong()
	}
	return nil
}

// skip returns how many bytes at the start of b leave the state as it is: text up to
// '<', a tag up to a quote or '>', an attribute value up to its quote.
func (x *XMLTokens) skip(b []byte) int {
	var j int
	switch x.state {
	case inText:
		j = bytes.IndexByte(b, '<')
	case inTag:
		j = bytes.IndexAny(b, "\"'>")
	case inAttr:
		j = bytes.IndexByte(b, x.quote)
	default:
		return 0
	}
	if j < 0 {
		return len(b)
	}
	return j
}

func (x *XMLTokens) tooLong() error {
	what := x.What
	if what == "" {
		what = "one XML token"
	}
	return &LimitError{What: what, Max: int64(x.Max), Offset: x.off}
}

// step advances the state machine by one byte, counted already.
func (x *XMLTokens) step(c byte) {
	switch x.state {
	case inText:
		if c == '<' {
			x.state, x.n = inOpen, 1
		}
	case inOpen:
		switch c {
		case '!':
			x.state, x.bang = inBang, x.bang[:0]
		case '?':
			x.state, x.last = inPI, [2]byte{}
		default:
			x.state = inTag
			x.tag(c)
		}
	case inTag:
		x.tag(c)
	case inAttr:
		if c == x.quote {
			x.state = inTag
		}
	case inBang:
		x.decide(c)
	case inComment:
		if c == '>' && x.last == [2]byte{'-', '-'} {
			x.toText()
		}
		x.last = [2]byte{x.last[1], c}
	case inCDATA:
		if c == '>' && x.last == [2]byte{']', ']'} {
			x.toText()
		}
		x.last = [2]byte{x.last[1], c}
	case inPI:
		if c == '>' && x.last[1] == '?' {
			x.toText()
		}
		x.last = [2]byte{x.last[1], c}
	case inDecl:
		x.decl(c)
	}
}

func (x *XMLTokens) toText() { x.state, x.n = inText, 0 }

func (x *XMLTokens) tag(c byte) {
	switch c {
	case '"', '\'':
		x.state, x.quote = inAttr, c
	case '>':
		x.toText()
	}
}

// decide reads the bytes after "<!" until they spell "--" (a comment), "[CDATA[" or
// anything else (a declaration).
func (x *XMLTokens) decide(c byte) {
	x.bang = append(x.bang, c)
	switch {
	case string(x.bang) == "--":
		x.state, x.last = inComment, [2]byte{}
	case string(x.bang) == "[CDATA[":
		x.state, x.last = inCDATA, [2]byte{}
	case bytes.HasPrefix([]byte("--"), x.bang), bytes.HasPrefix([]byte("[CDATA["), x.bang):
	default:
		// encoding/xml takes the first byte as is and reads the rest with decl's rules
		x.state, x.depth, x.quote, x.look, x.dcom = inDecl, 0, 0, -1, false
		for _, d := range x.bang[1:] {
			if x.state == inDecl {
				x.decl(d)
			}
		}
	}
}

// decl follows a declaration as encoding/xml reads a Directive, so that its end is found
// where the decoder finds it: quotes hide '<' and '>'; '<' and '>' nest, except that
// "<!--" inside opens a comment, which ends at "-->"; the declaration ends at a '>' at
// depth 0 outside quotes.
func (x *XMLTokens) decl(c byte) {
	if x.dcom {
		if c == '>' && x.last == [2]byte{'-', '-'} {
			x.dcom = false
		}
		x.last = [2]byte{x.last[1], c}
		return
	}
	if x.look >= 0 {
		if c == "!--"[x.look] {
			if x.look++; x.look == 3 {
				x.look, x.dcom, x.last = -1, true, [2]byte{}
			}
			return
		}
		x.look = -1
		x.depth++
	} else if x.quote == 0 && c == '>' && x.depth == 0 {
		x.toText()
		return
	}
	switch {
	case x.quote != 0:
		if c == x.quote {
			x.quote = 0
		}
	case c == '"' || c == '\'':
		x.quote = c
	case c == '>':
		x.depth--
	case c == '<':
		x.look = 0
	}
}
