// Package csvout is the project's one CSV writer for files people open in a spreadsheet
// (the API's CSV answers, the report's tables): UTF-8 with a byte order mark, so that
// Excel as set up in China (which would read GBK otherwise) shows Chinese names right, and
// every cell defused against formula injection (OWASP "CSV Injection"): a cell that a
// spreadsheet would run as a formula gets a leading single quote.
//
// It imports only the standard library.
package csvout
