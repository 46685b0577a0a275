package importers

// progress calls Options.Progress about every 1 % of the work and once at the end.
type progress struct {
	fn    func(done, total int64)
	total int64
	next  int64
	last  int64
}

// start sets the amount of work (bytes or records).
func (p *progress) start(total int64) {
	p.total, p.next, p.last = total, 0, -1
}

// report says done units of the total are finished.
func (p *progress) report(done int64) {
	if p.fn == nil || done < p.next {
		return
	}
	p.fn(done, p.total)
	p.last = done
	p.next = done + max(p.total/100, 1)
}

// end reports the whole work done, unless that was the last report.
func (p *progress) end() {
	if p.fn != nil && p.last != p.total {
		p.fn(p.total, p.total)
		p.last = p.total
	}
}
