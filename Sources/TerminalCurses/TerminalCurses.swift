import CNcursesw

// TerminalCurses module: the ncurses backend (ARCHITECTURE §2). Contents arrive with the console issue.
func _cursesLinked() -> Int32 { cn_err() }
