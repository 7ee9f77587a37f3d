@{
    RootModule             = 'WireScim.dll'
    ModuleVersion          = '0.2.0'
    GUID                   = '5f8b1c5e-0a7d-4c1e-9f2b-6d3e8a41c2b7'
    Author                 = 'WireScim contributors'
    CompanyName            = 'WireScim'
    Copyright              = '(c) WireScim contributors. MIT License.'
    Description            = 'Provision users and groups into Wire (the secure messenger) through its SCIM API: create, update, disable and remove users, and keep groups and their members, from CSV files, Active Directory or the prompt, with Wire''s attribute rules checked before anything is sent, rate limits respected, and an idempotent nightly sync.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('WireScim.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-WireScim'
        'Disconnect-WireScim'
        'Get-WireScimConnection'
        'New-WireScimToken'
        'Get-WireScimToken'
        'Remove-WireScimToken'
        'Send-WireScimVerificationCode'
        'New-WireScimUser'
        'Get-WireScimUser'
        'Set-WireScimUser'
        'Enable-WireScimUser'
        'Disable-WireScimUser'
        'Remove-WireScimUser'
        'Test-WireScimUser'
        'Sync-WireScimUser'
        'New-WireScimGroup'
        'Get-WireScimGroup'
        'Set-WireScimGroup'
        'Add-WireScimGroupMember'
        'Remove-WireScimGroupMember'
        'Remove-WireScimGroup'
        'Sync-WireScimGroup'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Wire', 'SCIM', 'Provisioning', 'IdentityManagement', 'ActiveDirectory', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = ''
        }
    }
}
