// Printing module: see ARCHITECTURE.md §2. Contents arrive with their issues.
