<#
.SYNOPSIS
    Converts the cmdlet help written in markdown (module/help/*.md) to the MAML file Get-Help reads.

.DESCRIPTION
    Writes <OutputPath>/<assembly file name>-Help.xml, e.g. en-US/WireScim.dll-Help.xml, valid for Get-Help in
    Windows PowerShell 5.1 and PowerShell 7. Only what the help system reads is written: command:command with
    details, description, syntax, parameters, inputTypes, returnValues, alertSet and examples.

    The markdown says what a person has to write: synopsis, description, what each parameter means, inputs,
    outputs, notes and examples. What the compiler already knows is read from the compiled cmdlets, so the help
    cannot drift from the code: parameter sets (syntax), each parameter's type, whether it is required, its
    position, pipeline binding, aliases, enum/ValidateSet values, the default value (the property's value on a
    new cmdlet instance) and the OutputType. The assembly is imported in a background job (a separate process),
    so this process never loads it and a later build can replace the file.

    MARKDOWN FORMAT (one file per cmdlet, any file name ending in .md):

        # Verb-Noun

        ## SYNOPSIS
        One short paragraph.

        ## DESCRIPTION
        Paragraphs separated by blank lines. Lines of one paragraph are joined. A line starting with "- " is
        a list item and becomes a paragraph of its own. `Backticks` are removed.

        ## PARAMETERS

        ### -Name
        What the parameter means, in paragraphs.
        Default value: text      <- optional line; replaces the default read from the cmdlet (for defaults
                                    that are computed, e.g. "the session's connection")

        ## INPUTS
        ### Type.Name
        Paragraphs.

        ## OUTPUTS
        ### Type.Name
        Paragraphs.

        ## NOTES
        Paragraphs.

        ## EXAMPLES
        ### Example 1: Title
        ```powershell
        code, kept verbatim
        ```
        Paragraphs explaining it (remarks).

        ## RELATED LINKS
        - Other-Command          <- one link per line: a command, an about_ topic, or [text](https://...)

    Sections may come in any order. Common parameters are never described. -WhatIf and -Confirm get the standard
    text unless the file describes them. Without INPUTS the pipeline-bound parameters are listed; without OUTPUTS
    the cmdlet's OutputType is used.

    Checks: a parameter of the cmdlet missing from the file, a described parameter the cmdlet does not have, an
    empty description, a file without synopsis, description or examples, and a file for a command the assembly
    does not export are reported as warnings, or as one terminating error with -Strict. A file whose command is
    not in the assembly is skipped (it has no metadata; Get-Help could not find the command anyway).

.PARAMETER SourcePath
    The folder with the *.md files.

.PARAMETER OutputPath
    The culture folder to write to (created when missing), e.g. out/WireScim/0.1.0/en-US.

.PARAMETER AssemblyPath
    The compiled module assembly. Default: WireScim.dll in the parent folder of OutputPath (build.ps1 copies the
    assembly there before it calls this script).

.PARAMETER Strict
    Turn every check above into a terminating error.

.EXAMPLE
    ./tools/ConvertTo-MamlHelp.ps1 -SourcePath module/help -OutputPath out/WireScim/0.2.0/en-US -Strict
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SourcePath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $AssemblyPath,
    [switch] $Strict
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

#region Markdown

function ConvertTo-Paragraph {
    # Blank lines separate paragraphs; "- " starts a list item; lines of one paragraph are joined with a space.
    param([string[]] $Lines)
    $paragraphs = New-Object System.Collections.Generic.List[string]
    $current = New-Object System.Collections.Generic.List[string]
    $flush = {
        if ($current.Count -gt 0) {
            $paragraphs.Add((($current -join ' ') -replace '`', '').Trim())
            $current.Clear()
        }
    }
    foreach ($line in $Lines) {
        $text = $line.Trim()
        if ($text.Length -eq 0) { & $flush; continue }
        if ($text -match '^[-*] ') { & $flush }
        $current.Add($text)
    }
    & $flush
    , $paragraphs.ToArray()
}

function Split-Heading {
    # Splits lines into [ordered] heading -> lines, for headings that match $Pattern (group 1 is the key).
    param([string[]] $Lines, [string] $Pattern)
    $sections = [ordered]@{}
    $key = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match $Pattern) {
            $key = $Matches[1].Trim()
            if ($sections.Contains($key)) { throw "Heading '$line' appears twice." }
            $sections[$key] = New-Object System.Collections.Generic.List[string]
            continue
        }
        if ($null -ne $key) { $sections[$key].Add($line) }
    }
    $sections
}

function Read-HelpMarkdown {
    param([string] $Path)
    $lines = @(Get-Content -LiteralPath $Path -Encoding UTF8)
    $titleLine = $lines | Where-Object { $_ -match '^# \S' } | Select-Object -First 1
    if (-not $titleLine) { throw "$Path has no '# Verb-Noun' title." }
    $help = [ordered]@{
        Path = $Path; Name = ($titleLine -replace '^# ', '').Trim()
        Synopsis = @(); Description = @(); Notes = @()
        Parameters = [ordered]@{}; Inputs = [ordered]@{}; Outputs = [ordered]@{}; Examples = @()
        Links = @(); Unknown = @()
    }
    $sections = Split-Heading $lines '^## (.+)$'
    foreach ($name in $sections.Keys) {
        $body = [string[]]$sections[$name]
        switch ($name.ToUpperInvariant()) {
            'SYNOPSIS' { $help.Synopsis = ConvertTo-Paragraph $body }
            'DESCRIPTION' { $help.Description = ConvertTo-Paragraph $body }
            'NOTES' { $help.Notes = ConvertTo-Paragraph $body }
            'PARAMETERS' {
                $parameters = Split-Heading $body '^### -(\S+)\s*$'
                foreach ($parameter in $parameters.Keys) {
                    $text = New-Object System.Collections.Generic.List[string]
                    $default = $null
                    foreach ($line in $parameters[$parameter]) {
                        if ($line -match '^\s*Default value:\s*(.+?)\s*$') { $default = $Matches[1] } else { $text.Add($line) }
                    }
                    $help.Parameters[$parameter] = [pscustomobject]@{ Description = ConvertTo-Paragraph $text; Default = $default }
                }
            }
            'INPUTS' { $types = Split-Heading $body '^### (.+)$'; foreach ($t in $types.Keys) { $help.Inputs[$t] = ConvertTo-Paragraph $types[$t] } }
            'OUTPUTS' { $types = Split-Heading $body '^### (.+)$'; foreach ($t in $types.Keys) { $help.Outputs[$t] = ConvertTo-Paragraph $types[$t] } }
            'EXAMPLES' {
                $examples = Split-Heading $body '^### (.+)$'
                $help.Examples = @(foreach ($title in $examples.Keys) {
                    $code = New-Object System.Collections.Generic.List[string]
                    $remarks = New-Object System.Collections.Generic.List[string]
                    $inFence = $false
                    foreach ($line in $examples[$title]) {
                        if ($line -match '^\s*```') { $inFence = -not $inFence; continue }
                        if ($inFence) { $code.Add($line) } else { $remarks.Add($line) }
                    }
                    [pscustomobject]@{ Title = $title; Code = ($code -join "`n").Trim("`n"); Remarks = ConvertTo-Paragraph $remarks }
                })
            }
            'RELATED LINKS' {
                $help.Links = @(foreach ($line in $body) {
                    $text = ($line -replace '^\s*-\s*', '').Trim()
                    if (-not $text) { continue }
                    if ($text -match '^\[(.+)\]\((.+)\)$') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] } }
                    else { [pscustomobject]@{ Text = $text -replace '`', ''; Uri = '' } }
                })
            }
            default { $help.Unknown += $name }
        }
    }
    [pscustomobject]$help
}

#endregion

#region Metadata from the compiled cmdlets

function Get-CmdletMetadata {
    # Imports the assembly in a background job (another process) and returns plain data about each cmdlet.
    param([string] $Path)
    $job = Start-Job -ArgumentList $Path -ScriptBlock {
        param([string] $AssemblyPath)
        $ErrorActionPreference = 'Stop'
        $module = Import-Module $AssemblyPath -PassThru -WarningAction SilentlyContinue
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $invariant = [System.Globalization.CultureInfo]::InvariantCulture

        function Get-TypeName([type] $Type) {
            $inner = [Nullable]::GetUnderlyingType($Type)
            if ($inner) { $Type = $inner }
            $element = if ($Type.IsArray) { $Type.GetElementType() } else { $Type }
            $suffix = if ($Type.IsArray) { '[]' } else { '' }
            [pscustomobject]@{ Short = $element.Name + $suffix; Full = $element.FullName + $suffix; Values = $(
                if ($element.IsEnum) { [Enum]::GetNames($element) }) }
        }

        function Format-Default($Value) {
            if ($null -eq $Value) { return 'None' }
            if ($Value -is [System.Management.Automation.SwitchParameter]) { return [string]$Value.IsPresent }
            if ($Value -is [string]) { if ($Value.Length -eq 0) { return 'None' } return $Value }
            if ($Value -is [System.Security.SecureString] -or $Value -is [System.Management.Automation.PSCredential]) { return 'None' }
            if ($Value -is [Array]) { if ($Value.Length -eq 0) { return 'None' } return ($Value -join ', ') }
            if ($Value -is [TimeSpan]) { return $Value.ToString('c', $invariant) }
            if ($Value -is [IFormattable]) { return $Value.ToString($null, $invariant) }
            [string]$Value
        }

        foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet) {
            $instance = $null
            try { $instance = [Activator]::CreateInstance($command.ImplementingType) } catch { $instance = $null }
            $hidden = @{}
            $parameters = foreach ($parameter in $command.Parameters.Values) {
                if ($common.Contains($parameter.Name)) { continue }
                $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                if (@($attributes | Where-Object DontShow).Count -gt 0) { $hidden[$parameter.Name] = $true; continue }
                $property = $command.ImplementingType.GetProperty($parameter.Name)
                $default = 'None'
                if ($parameter.SwitchParameter) { $default = 'False' }
                if ($instance -and $property -and $property.CanRead) { $default = Format-Default ($property.GetValue($instance)) }
                $type = Get-TypeName $parameter.ParameterType
                $validateSet = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
                $values = if ($validateSet.Count -gt 0) { $validateSet[0].ValidValues } else { $type.Values }
                [pscustomobject]@{
                    Name = $parameter.Name; Type = $type.Short; FullType = $type.Full; IsSwitch = $parameter.SwitchParameter
                    Values = @($values); Aliases = @($parameter.Aliases); Default = $default
                }
            }
            $sets = foreach ($set in $command.ParameterSets) {
                [pscustomobject]@{
                    Name = $set.Name; IsDefault = $set.IsDefault
                    Parameters = @(foreach ($p in $set.Parameters) {
                        if ($common.Contains($p.Name) -or $hidden.ContainsKey($p.Name)) { continue }
                        [pscustomobject]@{
                            Name = $p.Name; IsMandatory = $p.IsMandatory; Position = $p.Position
                            ByValue = $p.ValueFromPipeline; ByPropertyName = $p.ValueFromPipelineByPropertyName
                        }
                    })
                }
            }
            [pscustomobject]@{
                Name = $command.Name; Verb = $command.Verb; Noun = $command.Noun
                Parameters = @($parameters); ParameterSets = @($sets)
                OutputTypes = @($command.OutputType | ForEach-Object { $_.Name } | Where-Object { $_ -and $_ -ne 'System.Void' })
            }
        }
    }
    try {
        $null = Wait-Job $job
        $result = @(Receive-Job $job -ErrorAction Stop)
        if ($job.State -ne 'Completed') { throw "Reading the cmdlets of $Path failed: $($job.ChildJobs[0].JobStateInfo.Reason)" }
        $result
    }
    finally {
        Remove-Job $job -Force
    }
}

#endregion

#region MAML

function Write-Para {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $ns.maml)
    foreach ($paragraph in @($Paragraphs)) { $Writer.WriteElementString('maml', 'para', $ns.maml, $paragraph) }
    $Writer.WriteEndElement()
}

function Write-Type {
    param([System.Xml.XmlWriter] $Writer, [string] $Name)
    $Writer.WriteStartElement('dev', 'type', $ns.dev)
    $Writer.WriteElementString('maml', 'name', $ns.maml, $Name)
    $Writer.WriteEndElement()
}

function Write-TypeList {
    # inputTypes/inputType and returnValues/returnValue: a list of types, each with its description.
    param([System.Xml.XmlWriter] $Writer, [string] $ListElement, [string] $ItemElement, [System.Collections.IDictionary] $Types)
    $Writer.WriteStartElement('command', $ListElement, $ns.command)
    foreach ($type in $Types.Keys) {
        $Writer.WriteStartElement('command', $ItemElement, $ns.command)
        Write-Type $Writer $type
        Write-Para $Writer $Types[$type]
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Join-SetValue {
    # One value when all sets agree, else "value (SetName); value (SetName)".
    param([object[]] $PerSet)
    $distinct = @($PerSet | ForEach-Object { $_.Value } | Select-Object -Unique)
    if ($distinct.Count -le 1) { return [string]($distinct | Select-Object -First 1) }
    ($PerSet | ForEach-Object { "$($_.Value) ($($_.Set))" }) -join '; '
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, [string] $Required, [string] $Position, [string] $Pipeline,
        [string[]] $Description, [string] $Default, [bool] $InSyntax)
    $Writer.WriteStartElement('command', 'parameter', $ns.command)
    $Writer.WriteAttributeString('required', $Required)
    $Writer.WriteAttributeString('variableLength', $(if ($Parameter.FullType.EndsWith('[]')) { 'true' } else { 'false' }))
    $Writer.WriteAttributeString('globbing', 'false')
    $Writer.WriteAttributeString('pipelineInput', $Pipeline)
    $Writer.WriteAttributeString('position', $Position)
    $Writer.WriteAttributeString('aliases', $(if (@($Parameter.Aliases).Count -gt 0) { @($Parameter.Aliases) -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $ns.maml, $Parameter.Name)
    Write-Para $Writer $Description
    if ($InSyntax -and @($Parameter.Values).Count -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($value in $Parameter.Values) {
            $Writer.WriteStartElement('command', 'parameterValue', $ns.command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    elseif (-not ($InSyntax -and $Parameter.IsSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $ns.command)
        $Writer.WriteAttributeString('required', $(if ($Parameter.IsSwitch) { 'false' } else { 'true' }))
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Parameter.Type)
        $Writer.WriteEndElement()
    }
    Write-Type $Writer $Parameter.FullType
    $Writer.WriteElementString('dev', 'defaultValue', $ns.dev, $Default)
    $Writer.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $Writer, $Help, $Metadata)
    $standard = @{
        WhatIf  = @('Shows what would happen if the cmdlet runs. Nothing is sent to Wire.')
        Confirm = @('Prompts you for confirmation before each change.')
    }
    $Writer.WriteStartElement('command', 'command', $ns.command)
    $Writer.WriteStartElement('command', 'details', $ns.command)
    $Writer.WriteElementString('command', 'name', $ns.command, $Metadata.Name)
    $Writer.WriteElementString('command', 'verb', $ns.command, $Metadata.Verb)
    $Writer.WriteElementString('command', 'noun', $ns.command, $Metadata.Noun)
    Write-Para $Writer $Help.Synopsis
    $Writer.WriteEndElement()
    Write-Para $Writer $Help.Description

    $byName = @{}
    foreach ($parameter in $Metadata.Parameters) { $byName[$parameter.Name] = $parameter }
    $describe = {
        param($name)
        if ($Help.Parameters.Contains($name)) { $Help.Parameters[$name].Description }
        elseif ($standard.ContainsKey($name)) { $standard[$name] }
        else { @() }
    }
    $defaultOf = {
        param($name)
        if ($Help.Parameters.Contains($name) -and $Help.Parameters[$name].Default) { $Help.Parameters[$name].Default } else { $byName[$name].Default }
    }

    $Writer.WriteStartElement('command', 'syntax', $ns.command)
    $sets = @($Metadata.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $ns.command)
        $Writer.WriteElementString('maml', 'name', $ns.maml, $Metadata.Name)
        $positioned = @($set.Parameters | Where-Object { $_.Position -ge 0 } | Sort-Object Position)
        $named = @($set.Parameters | Where-Object { $_.Position -lt 0 -and $_.Name -notin 'WhatIf', 'Confirm' })
        $named = @($named | Where-Object IsMandatory) + @($named | Where-Object { -not $_.IsMandatory })
        $risk = @($set.Parameters | Where-Object { $_.Name -in 'WhatIf', 'Confirm' })
        foreach ($p in $positioned + $named + $risk) {
            $pipeline = Get-PipelineText @($p)
            $position = if ($p.Position -ge 0) { [string]$p.Position } else { 'named' }
            Write-Parameter $Writer $byName[$p.Name] ([string]$p.IsMandatory).ToLowerInvariant() $position $pipeline (& $describe $p.Name) (& $defaultOf $p.Name) $true
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # Parameters in the order the markdown describes them; any the markdown lacks follow in declaration order.
    $order = @($Help.Parameters.Keys | Where-Object { $byName.ContainsKey($_) }) + @($Metadata.Parameters | ForEach-Object { $_.Name } | Where-Object { -not $Help.Parameters.Contains($_) })
    $Writer.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($name in $order) {
        $inSets = @(foreach ($set in $Metadata.ParameterSets) {
            foreach ($p in $set.Parameters) { if ($p.Name -eq $name) { [pscustomobject]@{ Set = $set.Name; Entry = $p } } }
        })
        $required = Join-SetValue @($inSets | ForEach-Object { [pscustomobject]@{ Set = $_.Set; Value = ([string]$_.Entry.IsMandatory).ToLowerInvariant() } })
        $position = Join-SetValue @($inSets | ForEach-Object { [pscustomobject]@{ Set = $_.Set; Value = $(if ($_.Entry.Position -ge 0) { [string]$_.Entry.Position } else { 'named' }) } })
        $pipeline = Get-PipelineText @($inSets | ForEach-Object { $_.Entry })
        Write-Parameter $Writer $byName[$name] $required $position $pipeline (& $describe $name) (& $defaultOf $name) $false
    }
    $Writer.WriteEndElement()

    $inputs = $Help.Inputs
    if ($inputs.Count -eq 0) {
        $inputs = [ordered]@{}
        $bound = @($Metadata.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object { $_.ByValue -or $_.ByPropertyName })
        if ($bound.Count -eq 0) { $inputs['None'] = @('This cmdlet takes no pipeline input.') }
        foreach ($p in $bound | Sort-Object Name -Unique) { $inputs[$byName[$p.Name].FullType] = @("-$($p.Name) binds from the pipeline.") }
    }
    Write-TypeList $Writer 'inputTypes' 'inputType' $inputs

    $outputs = $Help.Outputs
    if ($outputs.Count -eq 0) {
        $outputs = [ordered]@{}
        if (@($Metadata.OutputTypes).Count -eq 0) { $outputs['None'] = @('This cmdlet writes no objects.') }
        foreach ($type in $Metadata.OutputTypes) { $outputs[$type] = @() }
    }
    Write-TypeList $Writer 'returnValues' 'returnValue' $outputs

    if (@($Help.Notes).Count -gt 0) {
        $Writer.WriteStartElement('maml', 'alertSet', $ns.maml)
        $Writer.WriteStartElement('maml', 'alert', $ns.maml)
        foreach ($paragraph in $Help.Notes) { $Writer.WriteElementString('maml', 'para', $ns.maml, $paragraph) }
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in $Help.Examples) {
        $number++
        $title = $example.Title -replace '^Example\s+\d+\s*:?\s*', ''
        $Writer.WriteStartElement('command', 'example', $ns.command)
        $Writer.WriteElementString('maml', 'title', $ns.maml, "--------- Example ${number}: $title ---------")
        $Writer.WriteElementString('dev', 'code', $ns.dev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($paragraph in $example.Remarks) { $Writer.WriteElementString('maml', 'para', $ns.maml, $paragraph) }
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    if (@($Help.Links).Count -gt 0) {
        $Writer.WriteStartElement('maml', 'relatedLinks', $ns.maml)
        foreach ($link in $Help.Links) {
            $Writer.WriteStartElement('maml', 'navigationLink', $ns.maml)
            $Writer.WriteElementString('maml', 'linkText', $ns.maml, $link.Text)
            $Writer.WriteElementString('maml', 'uri', $ns.maml, $link.Uri)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()
}

function Get-PipelineText {
    param([object[]] $Entries)
    $kinds = @()
    if (@($Entries | Where-Object ByValue).Count -gt 0) { $kinds += 'ByValue' }
    if (@($Entries | Where-Object ByPropertyName).Count -gt 0) { $kinds += 'ByPropertyName' }
    if ($kinds.Count -eq 0) { return 'False' }
    "True ($($kinds -join ', '))"
}

#endregion

#region Checks

function Test-HelpAgainstMetadata {
    param($Help, $Metadata)
    $problems = @()
    $file = Split-Path $Help.Path -Leaf
    if (@($Help.Synopsis).Count -eq 0) { $problems += "${file}: no SYNOPSIS." }
    if (@($Help.Description).Count -eq 0) { $problems += "${file}: no DESCRIPTION." }
    if (@($Help.Examples).Count -lt 2) { $problems += "${file}: $(@($Help.Examples).Count) example(s); write at least 2." }
    foreach ($example in $Help.Examples) { if (-not $example.Code) { $problems += "${file}: example '$($example.Title)' has no code block." } }
    foreach ($section in $Help.Unknown) { $problems += "${file}: unknown section '## $section'." }
    if (@($Help.Links).Count -eq 0) { $problems += "${file}: no RELATED LINKS." }
    $known = @($Metadata.Parameters | ForEach-Object { $_.Name })
    foreach ($name in $Help.Parameters.Keys) {
        if ($name -notin $known) { $problems += "${file}: describes -$name, which $($Metadata.Name) does not have." }
        elseif (@($Help.Parameters[$name].Description).Count -eq 0) { $problems += "${file}: -$name has no description." }
    }
    foreach ($name in $known) {
        if (-not $Help.Parameters.Contains($name) -and $name -notin 'WhatIf', 'Confirm') { $problems += "${file}: -$name of $($Metadata.Name) is not described." }
    }
    $problems
}

#endregion

if (-not $AssemblyPath) { $AssemblyPath = Join-Path (Split-Path $OutputPath) 'WireScim.dll' }
if (-not (Test-Path -LiteralPath $AssemblyPath)) { throw "The module assembly '$AssemblyPath' does not exist. Build it first, or give -AssemblyPath." }
$AssemblyPath = (Resolve-Path -LiteralPath $AssemblyPath).ProviderPath
$files = @(Get-ChildItem -LiteralPath $SourcePath -Filter *.md -ErrorAction SilentlyContinue | Sort-Object Name)
if ($files.Count -eq 0) {
    if ($Strict) { throw "No *.md help files in '$SourcePath'." }
    Write-Warning "No *.md help files in '$SourcePath'; no help written."
    return
}

$metadata = @{}
foreach ($command in Get-CmdletMetadata $AssemblyPath) { $metadata[$command.Name] = $command }

$problems = @()
$converted = @()
foreach ($file in $files) {
    $help = Read-HelpMarkdown $file.FullName
    if (-not $metadata.ContainsKey($help.Name)) {
        $problems += "$($file.Name): $($help.Name) is not a cmdlet of $(Split-Path $AssemblyPath -Leaf); its help is not written."
        continue
    }
    $problems += Test-HelpAgainstMetadata $help $metadata[$help.Name]
    $converted += $help
}
foreach ($name in $metadata.Keys | Sort-Object) {
    if ($name -notin @($converted | ForEach-Object { $_.Name })) { $problems += "$name has no help file in '$SourcePath'." }
}
if ($problems.Count -gt 0) {
    if ($Strict) { throw "Help is incomplete:`n  " + ($problems -join "`n  ") }
    foreach ($problem in $problems) { Write-Warning $problem }
}

$null = New-Item -ItemType Directory -Force -Path $OutputPath
$target = Join-Path $OutputPath ((Split-Path $AssemblyPath -Leaf) + '-Help.xml')
$settings = New-Object System.Xml.XmlWriterSettings
$settings.Indent = $true
$settings.Encoding = New-Object System.Text.UTF8Encoding($false)
$writer = [System.Xml.XmlWriter]::Create($target, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', $ns.msh)
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($prefix in 'maml', 'command', 'dev') { $writer.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }
    foreach ($help in $converted) { Write-Command $writer $help $metadata[$help.Name] }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}
Write-Verbose "Wrote $target ($($converted.Count) commands)."
