"""`lienthong diff`: what changes from one variant to another. `facts` reads what one variant declares (tasks,
hand-offs, citizen touchpoints, papers, deadlines); `changes` compares two; `terminal` prints the result."""
