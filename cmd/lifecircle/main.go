package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/lifecircle/lifecircle/geo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	os.Exit(exitCode(err))
}

// exitCode maps an error to the process status: 0 success, 2 bad input (or data the health check finds wrong), 3 database or
// another dependency unavailable, 1 anything else; an error with ExitStatus sets its own.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	// A command that printed its own answer and only sets the status (lifecircle check).
	var status interface{ ExitStatus() int }
	if errors.As(err, &status) {
		return status.ExitStatus()
	}
	fmt.Fprintln(os.Stderr, "lifecircle:", message(err))
	var ge *geo.Error
	if !errors.As(err, &ge) {
		return 1
	}
	switch ge.Code {
	case geo.EINVALID, geo.ENOTFOUND, geo.ECONFLICT, geo.EUNPROCESSABLE:
		return 2
	case geo.EUNAVAILABLE:
		return 3
	}
	return 1
}

func message(err error) string {
	var ge *geo.Error
	if errors.As(err, &ge) {
		return ge.Error()
	}
	return err.Error()
}
