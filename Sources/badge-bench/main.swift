print("badge-bench: under construction")
