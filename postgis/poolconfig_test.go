package postgis_test

import (
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/postgis"
)

// TestPoolConfig checks the session bounds another pool on the database (the job
// queue's) is given: the options', the defaults for zero fields, none for negative ones,
// and the URL's own when it sets them.
func TestPoolConfig(t *testing.T) {
	tests := []struct {
		name, url      string
		o              postgis.PoolOptions
		stmt, idleInTx string
	}{
		{"defaults", "host=/tmp dbname=x", postgis.PoolOptions{}, "900000", "300000"},
		{"given", "host=/tmp dbname=x", postgis.PoolOptions{StatementTimeout: 90 * time.Second, IdleInTxTimeout: time.Minute}, "90000", "60000"},
		{"off", "host=/tmp dbname=x", postgis.PoolOptions{StatementTimeout: -1, IdleInTxTimeout: -1}, "0", "0"},
		{"the URL's own", "postgres:///x?host=/tmp&statement_timeout=5000", postgis.PoolOptions{StatementTimeout: time.Minute}, "5000", "300000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := postgis.PoolConfig(tc.url, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			p := cfg.ConnConfig.RuntimeParams
			if p["statement_timeout"] != tc.stmt || p["idle_in_transaction_session_timeout"] != tc.idleInTx {
				t.Errorf("statement_timeout %q, idle_in_transaction_session_timeout %q; want %q, %q", p["statement_timeout"], p["idle_in_transaction_session_timeout"], tc.stmt, tc.idleInTx)
			}
		})
	}
	if _, err := postgis.PoolConfig("postgres://%zz", postgis.PoolOptions{}); err == nil {
		t.Error("a malformed URL parsed")
	}
}
