package health

// Summary counts findings by severity.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Summarise counts fs by severity; findings of any other severity are counted nowhere.
func Summarise(fs []Finding) Summary {
	var s Summary
	for _, f := range fs {
		switch f.Severity {
		case SeverityError:
			s.Errors++
		case SeverityWarning:
			s.Warnings++
		case SeverityInfo:
			s.Infos++
		}
	}
	return s
}

// Exit is the exit status of a check (the CLI's `lifecircle check`): 2 when there are
// errors; 1 when there are warnings and strict (--strict) is set; 0 otherwise — infos
// never fail a check.
func Exit(s Summary, strict bool) int {
	switch {
	case s.Errors > 0:
		return 2
	case strict && s.Warnings > 0:
		return 1
	}
	return 0
}
