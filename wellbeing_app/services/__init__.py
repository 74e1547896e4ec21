"""Long-lived QObjects (no widgets): they own timers, emit signals and call the domain."""
