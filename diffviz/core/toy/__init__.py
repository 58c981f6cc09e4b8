"""The 2-D lab's engine, without Qt: point data sets, a reader of one's own points, the perfect denoiser of a
finite set, and the energy distance that scores samples. Points are an (N, 2) state that the same processes
and samplers as the image recipes walk (``core.shapes.per_sample`` broadcasts over any sample shape; a sampler's
``Denoiser`` takes any prediction function).
"""
