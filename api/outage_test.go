package api_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// cutProxy forwards TCP connections to the test server until cut, which closes every
// connection and the listener: a database outage for the pools that connected through it,
// without touching the shared server.
type cutProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newCutProxy(tb testing.TB, network, addr string) *cutProxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &cutProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial(network, addr)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
	tb.Cleanup(p.cut)
	return p
}

func (p *cutProxy) cut() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestOutageBodiesCarryNoConnectionDetails serves tiles and /readyz from a database that
// then goes away (its connections cut): /tiles answers 503 and /readyz says the database
// is unavailable, and neither body names the user, database, host or port — the driver's
// messages do, and they are only logged.
func TestOutageBodiesCarryNoConnectionDetails(t *testing.T) {
	_, url := postgistest.New(t)
	cfg, err := pgconn.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	network, addr := "tcp", net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port))
	if strings.HasPrefix(cfg.Host, "/") {
		network, addr = "unix", fmt.Sprintf("%s/.s.PGSQL.%d", cfg.Host, cfg.Port)
	}
	proxy := newCutProxy(t, network, addr)
	host, port, _ := net.SplitHostPort(proxy.ln.Addr().String())
	proxied := fmt.Sprintf("host=%s port=%s user=%s dbname=%s password=%s connect_timeout=2", host, port, cfg.User, cfg.Database, cfg.Password)
	db, err := postgis.Open(context.Background(), proxied)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	o := testOptions(t)
	o.Store, o.Tiles = db, db
	s, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	s.SetEngine(memoryServer(t).Engine())
	h := s.Handler()
	if status, body := get(t, h, "/tiles/14/13000/6700.mvt"); status != http.StatusOK && status != http.StatusNoContent {
		t.Fatalf("tile with the database up: %d %s", status, body)
	}
	proxy.cut()
	secrets := []string{cfg.User, cfg.Database, port, "user=", "database=", "dbname", "127.0.0.1"}
	for _, target := range []string{"/tiles/14/13001/6700.mvt", "/readyz"} {
		status, body := get(t, h, target)
		if status != http.StatusServiceUnavailable && !(target == "/readyz" && strings.Contains(string(body), `"unavailable"`)) {
			t.Errorf("%s with the database gone: %d %s", target, status, body)
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(string(body), s) {
				t.Errorf("%s body names %q: %s", target, s, body)
			}
		}
		t.Logf("%s → %d %s", target, status, body)
	}
}
