"""The 2-D lab's tab: the plane panels, the view, and the controller that runs its jobs."""
