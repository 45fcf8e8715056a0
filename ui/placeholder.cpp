// The GUI library; its classes arrive with the GUI issue.
