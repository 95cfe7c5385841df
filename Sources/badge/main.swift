print("badge: under construction")
