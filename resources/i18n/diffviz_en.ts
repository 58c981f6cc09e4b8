<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>i18n</name>
    <message numerus="yes">
        <source>an IDX file of data type 0x{code:02x} with %n dimension(s)</source>
        <translation>
            <numerusform>an IDX file of data type 0x{code:02x} with %n dimension</numerusform>
            <numerusform>an IDX file of data type 0x{code:02x} with %n dimensions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the IDX file {path} is damaged or not MNIST-style: it holds only %n byte(s), not even an IDX magic number</source>
        <translation>
            <numerusform>the IDX file {path} is damaged or not MNIST-style: it holds only %n byte, not even an IDX magic number</numerusform>
            <numerusform>the IDX file {path} is damaged or not MNIST-style: it holds only %n bytes, not even an IDX magic number</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skipped %n unreadable file(s) ({names})</source>
        <translation>
            <numerusform>skipped %n unreadable file ({names})</numerusform>
            <numerusform>skipped %n unreadable files ({names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>strength {strength:g} · %n jump(s)</source>
        <translation>
            <numerusform>strength {strength:g} · %n jump</numerusform>
            <numerusform>strength {strength:g} · %n jumps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>strength {strength:g} · read as {digit} · %n jump(s)</source>
        <translation>
            <numerusform>strength {strength:g} · read as {digit} · %n jump</numerusform>
            <numerusform>strength {strength:g} · read as {digit} · %n jumps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>strength {strength:g} · each toward the digit read in it · %n jump(s)</source>
        <translation>
            <numerusform>strength {strength:g} · each toward the digit read in it · %n jump</numerusform>
            <numerusform>strength {strength:g} · each toward the digit read in it · %n jumps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{mode}: result (%n step(s), {settings})</source>
        <translation>
            <numerusform>{mode}: result (%n step, {settings})</numerusform>
            <numerusform>{mode}: result (%n steps, {settings})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{what} holds {masks} masks for %n image(s): give one mask for all, or one per image</source>
        <translation>
            <numerusform>{what} holds {masks} masks for %n image: give one mask for all, or one per image</numerusform>
            <numerusform>{what} holds {masks} masks for %n images: give one mask for all, or one per image</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>from strength {strength:g} a {recipe} model has only %n timestep(s) to walk: ask for at most %n step(s), or a higher strength</source>
        <translation>
            <numerusform>from strength {strength:g} a {recipe} model has only %n timestep to walk: ask for at most %n step, or a higher strength</numerusform>
            <numerusform>from strength {strength:g} a {recipe} model has only %n timesteps to walk: ask for at most %n steps, or a higher strength</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;Why a U?&lt;/b&gt; The left half (&lt;i&gt;down&lt;/i&gt;) looks at the noisy image through 5×5 convolutions, each followed by SiLU, and halves the resolution twice with max-pooling ({full}→{half}→{quarter}), so deeper layers see larger parts of the image with more channels. The right half (&lt;i&gt;up&lt;/i&gt;) doubles the resolution back ({quarter}→{half}→{full}) and ends with %n channel(s): the model&apos;s guess of the clean image.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;Why a U?&lt;/b&gt; The left half (&lt;i&gt;down&lt;/i&gt;) looks at the noisy image through 5×5 convolutions, each followed by SiLU, and halves the resolution twice with max-pooling ({full}→{half}→{quarter}), so deeper layers see larger parts of the image with more channels. The right half (&lt;i&gt;up&lt;/i&gt;) doubles the resolution back ({quarter}→{half}→{full}) and ends with a single channel: the model&apos;s guess of the clean image.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;Why a U?&lt;/b&gt; The left half (&lt;i&gt;down&lt;/i&gt;) looks at the noisy image through 5×5 convolutions, each followed by SiLU, and halves the resolution twice with max-pooling ({full}→{half}→{quarter}), so deeper layers see larger parts of the image with more channels. The right half (&lt;i&gt;up&lt;/i&gt;) doubles the resolution back ({quarter}→{half}→{full}) and ends with %n channels: the model&apos;s guess of the clean image.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;A &lt;b&gt;feature map&lt;/b&gt; is the output of one layer of this UNet: a convolution followed by SiLU. Each small tile is one &lt;b&gt;channel&lt;/b&gt;: the response of one learned 5×5 filter at every position (bright = the filter&apos;s pattern is strongly present there).&lt;/p&gt;&lt;p&gt;The &lt;b&gt;down&lt;/b&gt; layers look at the image at falling resolution ({full}→{half}→{quarter} pixels): the first responds to edges and strokes, deeper ones to larger parts of the image. The &lt;b&gt;up&lt;/b&gt; layers rebuild it at rising resolution, and the &lt;b&gt;skip connections&lt;/b&gt; add the matching down maps back in, so fine detail lost in the pooling returns. The last layer&apos;s %n channel(s) is the model&apos;s prediction itself.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;A &lt;b&gt;feature map&lt;/b&gt; is the output of one layer of this UNet: a convolution followed by SiLU. Each small tile is one &lt;b&gt;channel&lt;/b&gt;: the response of one learned 5×5 filter at every position (bright = the filter&apos;s pattern is strongly present there).&lt;/p&gt;&lt;p&gt;The &lt;b&gt;down&lt;/b&gt; layers look at the image at falling resolution ({full}→{half}→{quarter} pixels): the first responds to edges and strokes, deeper ones to larger parts of the image. The &lt;b&gt;up&lt;/b&gt; layers rebuild it at rising resolution, and the &lt;b&gt;skip connections&lt;/b&gt; add the matching down maps back in, so fine detail lost in the pooling returns. The last layer&apos;s single channel is the model&apos;s prediction itself.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;A &lt;b&gt;feature map&lt;/b&gt; is the output of one layer of this UNet: a convolution followed by SiLU. Each small tile is one &lt;b&gt;channel&lt;/b&gt;: the response of one learned 5×5 filter at every position (bright = the filter&apos;s pattern is strongly present there).&lt;/p&gt;&lt;p&gt;The &lt;b&gt;down&lt;/b&gt; layers look at the image at falling resolution ({full}→{half}→{quarter} pixels): the first responds to edges and strokes, deeper ones to larger parts of the image. The &lt;b&gt;up&lt;/b&gt; layers rebuild it at rising resolution, and the &lt;b&gt;skip connections&lt;/b&gt; add the matching down maps back in, so fine detail lost in the pooling returns. The last layer&apos;s %n channels are the model&apos;s prediction itself.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upsampled to {full}×{full} plus down0&apos;s maps: its %n channel(s) is the prediction.</source>
        <translation>
            <numerusform>Upsampled to {full}×{full} plus down0&apos;s maps: its single channel is the prediction.</numerusform>
            <numerusform>Upsampled to {full}×{full} plus down0&apos;s maps: its %n channels are the prediction.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) for {images} images</source>
        <translation>
            <numerusform>%n label for {images} images</numerusform>
            <numerusform>%n labels for {images} images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upsampled to {full}×{full} plus down0&apos;s maps, no SiLU: its %n channel(s) is the prediction.</source>
        <translation>
            <numerusform>Upsampled to {full}×{full} plus down0&apos;s maps, no SiLU: its single channel is the prediction.</numerusform>
            <numerusform>Upsampled to {full}×{full} plus down0&apos;s maps, no SiLU: its %n channels are the prediction.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;A small MLP: the point and sin/cos features of its noise level in, %n hidden layer(s) of {units} units with SiLU, two numbers out.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;A small MLP: the point and sin/cos features of its noise level in, %n hidden layer of {units} units with SiLU, two numbers out.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;A small MLP: the point and sin/cos features of its noise level in, %n hidden layers of {units} units with SiLU, two numbers out.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{block}: %n ResNet block(s) of 3×3 convs.</source>
        <translation>
            <numerusform>{block}: %n ResNet block of 3×3 convs.</numerusform>
            <numerusform>{block}: %n ResNet blocks of 3×3 convs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{block}: %n ResNet block(s) of 3×3 convs, with self-attention between them.</source>
        <translation>
            <numerusform>{block}: %n ResNet block of 3×3 convs, with self-attention between them.</numerusform>
            <numerusform>{block}: %n ResNet blocks of 3×3 convs, with self-attention between them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{block}: %n ResNet block(s) of 3×3 convs, each followed by self-attention.</source>
        <translation>
            <numerusform>{block}: %n ResNet block of 3×3 convs, each followed by self-attention.</numerusform>
            <numerusform>{block}: %n ResNet blocks of 3×3 convs, each followed by self-attention.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{block}: %n ResNet block(s) of 3×3 convs, then self-attention.</source>
        <translation>
            <numerusform>{block}: %n ResNet block of 3×3 convs, then self-attention.</numerusform>
            <numerusform>{block}: %n ResNet blocks of 3×3 convs, then self-attention.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Self-attention in {block}, %n head(s). Each tile is one position of the image (a query, marked red when enlarged; at most 8×8 of them, neighbours averaged) and shows where it looks: its attention weights over every position, averaged over the heads. Each tile sums to 1.</source>
        <translation>
            <numerusform>Self-attention in {block}, %n head. Each tile is one position of the image (a query, marked red when enlarged; at most 8×8 of them, neighbours averaged) and shows where it looks: its attention weights over every position, averaged over the heads. Each tile sums to 1.</numerusform>
            <numerusform>Self-attention in {block}, %n heads. Each tile is one position of the image (a query, marked red when enlarged; at most 8×8 of them, neighbours averaged) and shows where it looks: its attention weights over every position, averaged over the heads. Each tile sums to 1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Why a U?&lt;/b&gt; This is diffusers&apos; &lt;code&gt;UNet2DModel&lt;/code&gt;. Its left half is %n &lt;i&gt;down block(s)&lt;/i&gt; of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus the timestep&apos;s embedding, with a shortcut around them); every down block but the last halves the resolution with a stride-2 convolution (no pooling).</source>
        <translation>
            <numerusform>&lt;b&gt;Why a U?&lt;/b&gt; This is diffusers&apos; &lt;code&gt;UNet2DModel&lt;/code&gt;. Its left half is %n &lt;i&gt;down block&lt;/i&gt; of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus the timestep&apos;s embedding, with a shortcut around them); every down block but the last halves the resolution with a stride-2 convolution (no pooling).</numerusform>
            <numerusform>&lt;b&gt;Why a U?&lt;/b&gt; This is diffusers&apos; &lt;code&gt;UNet2DModel&lt;/code&gt;. Its left half is %n &lt;i&gt;down blocks&lt;/i&gt; of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus the timestep&apos;s embedding, with a shortcut around them); every down block but the last halves the resolution with a stride-2 convolution (no pooling).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Why a U?&lt;/b&gt; This is diffusers&apos; &lt;code&gt;UNet2DModel&lt;/code&gt;. Its left half is %n &lt;i&gt;down block(s)&lt;/i&gt; of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus a timestep embedding, always t = 0 here, with a shortcut around them); every down block but the last halves the resolution with a stride-2 convolution (no pooling).</source>
        <translation>
            <numerusform>&lt;b&gt;Why a U?&lt;/b&gt; This is diffusers&apos; &lt;code&gt;UNet2DModel&lt;/code&gt;. Its left half is %n &lt;i&gt;down block&lt;/i&gt; of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus a timestep embedding, always t = 0 here, with a shortcut around them); every down block but the last halves the resolution with a stride-2 convolution (no pooling).</numerusform>
            <numerusform>&lt;b&gt;Why a U?&lt;/b&gt; This is diffusers&apos; &lt;code&gt;UNet2DModel&lt;/code&gt;. Its left half is %n &lt;i&gt;down blocks&lt;/i&gt; of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus a timestep embedding, always t = 0 here, with a shortcut around them); every down block but the last halves the resolution with a stride-2 convolution (no pooling).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The &lt;i&gt;mid block&lt;/i&gt; works at the coarsest resolution, and %n &lt;i&gt;up block(s)&lt;/i&gt; double it back before a last 3×3 convolution gives one channel: the model&apos;s output.</source>
        <translation>
            <numerusform>The &lt;i&gt;mid block&lt;/i&gt; works at the coarsest resolution, and %n &lt;i&gt;up block&lt;/i&gt; doubles it back before a last 3×3 convolution gives one channel: the model&apos;s output.</numerusform>
            <numerusform>The &lt;i&gt;mid block&lt;/i&gt; works at the coarsest resolution, and %n &lt;i&gt;up blocks&lt;/i&gt; double it back before a last 3×3 convolution gives one channel: the model&apos;s output.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The &lt;i&gt;mid block&lt;/i&gt; works at the coarsest resolution, and %n &lt;i&gt;up block(s)&lt;/i&gt; double it back before a last 3×3 convolution gives {channels} channels: the model&apos;s output.</source>
        <translation>
            <numerusform>The &lt;i&gt;mid block&lt;/i&gt; works at the coarsest resolution, and %n &lt;i&gt;up block&lt;/i&gt; doubles it back before a last 3×3 convolution gives {channels} channels: the model&apos;s output.</numerusform>
            <numerusform>The &lt;i&gt;mid block&lt;/i&gt; works at the coarsest resolution, and %n &lt;i&gt;up blocks&lt;/i&gt; double it back before a last 3×3 convolution gives {channels} channels: the model&apos;s output.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{where}: the UNet maps %n channel(s) to {out}; diffviz shows grey (1) or colour (3) images in and out</source>
        <translation>
            <numerusform>{where}: the UNet maps %n channel to {out}; diffviz shows grey (1) or colour (3) images in and out</numerusform>
            <numerusform>{where}: the UNet maps %n channels to {out}; diffviz shows grey (1) or colour (3) images in and out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{where}: {key} lists %n block(s) but block_out_channels gives channels for {blocks}; they must match</source>
        <translation>
            <numerusform>{where}: {key} lists %n block but block_out_channels gives channels for {blocks}; they must match</numerusform>
            <numerusform>{where}: {key} lists %n blocks but block_out_channels gives channels for {blocks}; they must match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{where}: attention_head_dim is {head}, more than the %n channel(s) of a block with self-attention (no attention head would fit)</source>
        <translation>
            <numerusform>{where}: attention_head_dim is {head}, more than the %n channel of a block with self-attention (no attention head would fit)</numerusform>
            <numerusform>{where}: attention_head_dim is {head}, more than the %n channels of a block with self-attention (no attention head would fit)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{where}: sample_size {size} cannot be halved evenly by the %n down-sampling block(s) (it must be a multiple of {halvings})</source>
        <translation>
            <numerusform>{where}: sample_size {size} cannot be halved evenly by the %n down-sampling block (it must be a multiple of {halvings})</numerusform>
            <numerusform>{where}: sample_size {size} cannot be halved evenly by the %n down-sampling blocks (it must be a multiple of {halvings})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{where}: trained_betas holds %n beta(s) for num_train_timesteps {steps}; there must be one per timestep</source>
        <translation>
            <numerusform>{where}: trained_betas holds %n beta for num_train_timesteps {steps}; there must be one per timestep</numerusform>
            <numerusform>{where}: trained_betas holds %n betas for num_train_timesteps {steps}; there must be one per timestep</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{pipeline} from {root}: UNet2DModel, %n channel(s), {height}x{width}, {scheduler}, predicts {target}</source>
        <translation>
            <numerusform>{pipeline} from {root}: UNet2DModel, %n channel, {height}x{width}, {scheduler}, predicts {target}</numerusform>
            <numerusform>{pipeline} from {root}: UNet2DModel, %n channels, {height}x{width}, {scheduler}, predicts {target}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>result (%n step(s))</source>
        <translation>
            <numerusform>result (%n step)</numerusform>
            <numerusform>result (%n steps)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} samples fit up to %n step(s)</source>
        <translation>
            <numerusform>{n} samples fit up to %n step</numerusform>
            <numerusform>{n} samples fit up to %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{steps} steps fit up to %n sample(s)</source>
        <translation>
            <numerusform>{steps} steps fit up to %n sample</numerusform>
            <numerusform>{steps} steps fit up to %n samples</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording {n} samples x {steps} steps of {images} with feature maps needs about {size}, above the {limit} limit: use fewer samples or steps ({fits}), capture feature maps for at most %n sample(s), record without feature maps, or export a .npy/.png of the results only (nothing is recorded then)</source>
        <translation>
            <numerusform>recording {n} samples x {steps} steps of {images} with feature maps needs about {size}, above the {limit} limit: use fewer samples or steps ({fits}), capture feature maps for at most %n sample, record without feature maps, or export a .npy/.png of the results only (nothing is recorded then)</numerusform>
            <numerusform>recording {n} samples x {steps} steps of {images} with feature maps needs about {size}, above the {limit} limit: use fewer samples or steps ({fits}), capture feature maps for at most %n samples, record without feature maps, or export a .npy/.png of the results only (nothing is recorded then)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the points file {path} has %n column(s) in its first row; x,y or x,y,class is expected</source>
        <translation>
            <numerusform>the points file {path} has %n column in its first row; x,y or x,y,class is expected</numerusform>
            <numerusform>the points file {path} has %n columns in its first row; x,y or x,y,class is expected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) each way</source>
        <translation>
            <numerusform>%n step each way</numerusform>
            <numerusform>%n steps each way</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The last run made %n image(s): take one of 0 to {last}</source>
        <translation>
            <numerusform>The last run made %n image: take one of 0 to {last}</numerusform>
            <numerusform>The last run made %n images: take one of 0 to {last}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Which of the last run&apos;s %n image(s) to take</source>
        <translation>
            <numerusform>Which of the last run&apos;s %n image to take</numerusform>
            <numerusform>Which of the last run&apos;s %n images to take</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{model} · {sampler_name} · %n step(s)</source>
        <translation>
            <numerusform>{model} · {sampler_name} · %n step</numerusform>
            <numerusform>{model} · {sampler_name} · %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{model} · {sampler_name} · %n step(s) · guidance {guidance:g}</source>
        <translation>
            <numerusform>{model} · {sampler_name} · %n step · guidance {guidance:g}</numerusform>
            <numerusform>{model} · {sampler_name} · %n steps · guidance {guidance:g}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s) of {height}×{width}</source>
        <translation>
            <numerusform>%n channel of {height}×{width}</numerusform>
            <numerusform>%n channels of {height}×{width}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n panel(s) side by side</source>
        <translation>
            <numerusform>%n panel side by side</numerusform>
            <numerusform>%n panels side by side</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{edit}: %n image(s), {steps} steps ({seconds:.1f} s) — scrub with ←/→ on the timeline, play with Space</source>
        <translation>
            <numerusform>{edit}: %n image, {steps} steps ({seconds:.1f} s) — scrub with ←/→ on the timeline, play with Space</numerusform>
            <numerusform>{edit}: %n images, {steps} steps ({seconds:.1f} s) — scrub with ←/→ on the timeline, play with Space</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sampling %n image(s) in {steps} steps…</source>
        <translation>
            <numerusform>Sampling %n image in {steps} steps…</numerusform>
            <numerusform>Sampling %n images in {steps} steps…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sampled %n image(s) in {steps} steps ({seconds:.1f} s) — scrub with ←/→, play with Space</source>
        <translation>
            <numerusform>Sampled %n image in {steps} steps ({seconds:.1f} s) — scrub with ←/→, play with Space</numerusform>
            <numerusform>Sampled %n images in {steps} steps ({seconds:.1f} s) — scrub with ←/→, play with Space</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sampled %n image(s) in {steps} steps ({seconds:.1f} s) · feature maps kept for {kept} of the first {wanted} samples (a model this large would not fit in memory) — scrub with ←/→, play with Space</source>
        <translation>
            <numerusform>Sampled %n image in {steps} steps ({seconds:.1f} s) · feature maps kept for {kept} of the first {wanted} samples (a model this large would not fit in memory) — scrub with ←/→, play with Space</numerusform>
            <numerusform>Sampled %n images in {steps} steps ({seconds:.1f} s) · feature maps kept for {kept} of the first {wanted} samples (a model this large would not fit in memory) — scrub with ←/→, play with Space</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sampled %n image(s) in {steps} steps ({seconds:.1f} s) · feature maps kept for none of the first {wanted} samples (a model this large would not fit in memory) — scrub with ←/→, play with Space</source>
        <translation>
            <numerusform>Sampled %n image in {steps} steps ({seconds:.1f} s) · feature maps kept for none of the first {wanted} samples (a model this large would not fit in memory) — scrub with ←/→, play with Space</numerusform>
            <numerusform>Sampled %n images in {steps} steps ({seconds:.1f} s) · feature maps kept for none of the first {wanted} samples (a model this large would not fit in memory) — scrub with ←/→, play with Space</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forgot %n remembered precision verdict(s): auto measures again on the next run</source>
        <translation>
            <numerusform>Forgot %n remembered precision verdict: auto measures again on the next run</numerusform>
            <numerusform>Forgot %n remembered precision verdicts: auto measures again on the next run</numerusform>
        </translation>
    </message>
</context>
</TS>
