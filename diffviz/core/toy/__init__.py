"""The 2-D lab's engine, without Qt: point data sets (and points drawn with the mouse), a reader of one's own
points, the 2-D recipes and their MLP's training, the perfect denoiser of a finite set, the energy distance that
scores samples, what the 2-D view shows of a run (``lab``: two samplers from the same noise, the field, the forward
process), digits projected to a plane (``plane``), and the pictures and animations of points (``plot``, ``render``).
Points are an (N, 2) state that the same processes and samplers as the image recipes walk (``core.shapes.per_sample``
broadcasts over any sample shape; a sampler's ``Denoiser`` takes any prediction function).
"""
